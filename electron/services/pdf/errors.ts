/**
 * Refusals of the PDF engine. Each names the file in Chinese and carries a precise code; the
 * AppError code is the coarse one the API envelope knows. They cross the worker boundary as
 * plain data (toData/fromData).
 */
import { AppError, type ErrorCode } from '../../../shared/api/errors';

export const PDF_ERROR_CODES = [
  'PDF_DAMAGED',
  'PDF_ENCRYPTED',
  'PDF_EMPTY',
  'NOT_A_PDF',
  'IMAGE_UNSUPPORTED',
  'IMAGE_DAMAGED',
  'HEIC_UNSUPPORTED',
  'FILE_UNREADABLE',
  'TOO_LARGE',
  'CANNOT_FIT',
  'BAD_ARGUMENT',
  'TIMEOUT',
  /** The engine's process died during the job (out of memory, or a crash in a library). */
  'ENGINE_CRASHED',
  'CANCELLED',
  'INTERNAL',
] as const;
export type PdfErrorCode = (typeof PDF_ERROR_CODES)[number];

function appCode(code: PdfErrorCode): ErrorCode {
  if (code === 'CANCELLED') return 'CANCELLED';
  if (code === 'CANNOT_FIT') return 'REFUSED';
  if (code === 'INTERNAL' || code === 'TIMEOUT' || code === 'ENGINE_CRASHED') return 'INTERNAL';
  return 'BAD_INPUT';
}

export interface PdfErrorData {
  pdfCode: PdfErrorCode;
  message: string;
  bestBytes: number | null;
}

export class PdfError extends AppError {
  constructor(
    readonly pdfCode: PdfErrorCode,
    message: string,
    /** CANNOT_FIT: the smallest size reachable above the quality floors. */
    readonly bestBytes: number | null = null,
  ) {
    super(appCode(pdfCode), message);
    this.name = 'PdfError';
  }

  toData(): PdfErrorData {
    return { pdfCode: this.pdfCode, message: this.message, bestBytes: this.bestBytes };
  }

  static fromData(data: PdfErrorData): PdfError {
    return new PdfError(data.pdfCode, data.message, data.bestBytes);
  }
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The messages, one place, so the wording stays consistent. `f` is the file's name. */
export const fail = {
  damaged: (f: string, why = '') =>
    new PdfError(
      'PDF_DAMAGED',
      `文件「${f}」已损坏或不完整${why ? `（${why}）` : ''}，无法读取。请重新扫描或从原处重新导出后再试。`,
    ),
  encrypted: (f: string) =>
    new PdfError(
      'PDF_ENCRYPTED',
      `文件「${f}」设置了密码或权限保护，无法处理。请用原软件取消加密（或“打印为 PDF”另存一份）后再添加。`,
    ),
  empty: (f: string) => new PdfError('PDF_EMPTY', `文件「${f}」中没有任何页面。`),
  notPdf: (f: string, actually?: string) =>
    new PdfError(
      'NOT_A_PDF',
      actually
        ? `文件「${f}」不是 PDF，而是${actually}（可能被改了扩展名）。图片请用“图片转 PDF”处理。`
        : `文件「${f}」不是 PDF 文件，无法读取。`,
    ),
  junkBeforeHeader: (f: string) =>
    new PdfError(
      'NOT_A_PDF',
      `文件「${f}」开头不是 PDF 文件头（%PDF-），文件可能被其他程序改写或混入了其他数据，请重新导出后再试。`,
    ),
  imageUnsupported: (f: string) =>
    new PdfError('IMAGE_UNSUPPORTED', `文件「${f}」不是支持的图片格式。请使用 JPG、PNG 或 TIFF 图片。`),
  imageDamaged: (f: string) =>
    new PdfError('IMAGE_DAMAGED', `图片「${f}」已损坏或不完整，无法读取。请重新拍摄或重新扫描后再试。`),
  heic: (f: string) =>
    new PdfError(
      'HEIC_UNSUPPORTED',
      `图片「${f}」是苹果手机的 HEIC 格式，本软件无法读取。请先转成 JPG：在电脑上用“照片”应用（Windows）或“预览”（Mac）打开后导出为 JPG；` +
        `以后拍照前可在 iPhone 的“设置 › 相机 › 格式”中选择“兼容性最佳”，直接拍成 JPG。`,
    ),
  unreadable: (f: string) => new PdfError('FILE_UNREADABLE', `找不到或无法读取文件「${f}」。`),
  tooLarge: (f: string, why: string) =>
    new PdfError('TOO_LARGE', `文件「${f}」${why}，超出本软件一次能处理的范围。请分成几份扫描或先拆分后再处理。`),
  cannotFit: (f: string, limit: number, best: number, pages: number) =>
    new PdfError(
      'CANNOT_FIT',
      `文件「${f}」（${pages} 页）在保证文字清晰（不低于 100 dpi 及最低画质）的前提下最小只能压缩到 ${kb(best)}，` +
        `仍超过 ${kb(limit)} 的限制。请把材料拆成几份分别上传，或用 200 dpi 灰度重新扫描。`,
      best,
    ),
  cannotFitTiny: (f: string, limit: number, pages: number) =>
    new PdfError(
      'CANNOT_FIT',
      `文件「${f}」有 ${pages} 页，${kb(limit)} 的限制平均每页不足以保留可读的扫描件。请把材料拆成几份分别上传。`,
      null,
    ),
  badArgument: (why: string) => new PdfError('BAD_ARGUMENT', why),
  timeout: (f: string, seconds: number) =>
    new PdfError('TIMEOUT', `处理文件「${f}」超过 ${seconds} 秒仍未完成，已停止。文件可能过大或结构异常。`),
  crashed: (f: string) =>
    new PdfError(
      'ENGINE_CRASHED',
      `处理「${f}」时 PDF 引擎异常退出：文件可能已损坏或过于复杂。请重新扫描或从原处重新导出后再试。`,
    ),
  cancelled: () => new PdfError('CANCELLED', '操作已取消，未生成文件。'),
  internal: (f: string, why: string) => new PdfError('INTERNAL', `处理文件「${f}」时出错：${why}`),
  sizes: { kb, mb },
};
