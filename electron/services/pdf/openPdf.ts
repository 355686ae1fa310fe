/**
 * Opens a PDF strictly, or refuses it with the reason. pdf-lib parses objects in file order and
 * ignores the cross-reference table, so a file cut off by a scanner still "loads" with pages
 * missing their content: the tail (%%EOF, startxref) and the page tree are checked here, and a
 * page whose content or images are missing makes the whole file damaged.
 */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument } from 'pdf-lib';
import { loadBounded } from './boundedLoad';
import { fail, PdfError } from './errors';
import { KIND_NAMES, sniff } from './sniff';

export const LIMITS = {
  /** pdf-lib holds the file and a copy of every stream: about three times the file in memory. */
  maxInputBytes: 300 * 1024 * 1024,
  maxPages: 1000,
  /** Pixels of one image: 10000×14000 passes, a 20000×20000 poster does not. */
  maxImagePixels: 200_000_000,
};

const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');

/** The end of a complete PDF: `startxref N %%EOF`, with N pointing at a table or an xref stream. */
function checkTail(bytes: Uint8Array, name: string): void {
  const tailStart = Math.max(0, bytes.length - 2048);
  const tail = latin1(bytes, tailStart, bytes.length);
  const eof = tail.lastIndexOf('%%EOF');
  if (eof < 0 || tail.length - eof > 1024 + 5) throw fail.damaged(name, '文件结尾缺失，可能没有传完或扫描仪还在写入');
  const match = /startxref\s+(\d+)\s+%%EOF/.exec(tail.slice(tail.lastIndexOf('startxref')));
  const offset = match ? Number(match[1]) : NaN;
  if (!(offset > 0 && offset < bytes.length)) throw fail.damaged(name, '交叉引用位置无效');
  const at = latin1(bytes, offset, Math.min(bytes.length, offset + 32));
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(at)) throw fail.damaged(name, '交叉引用表损坏');
}

export function checkIsPdf(bytes: Uint8Array, name: string): void {
  const kind = sniff(bytes);
  if (kind === 'pdf') return;
  if (kind === 'pdf-with-junk') throw fail.junkBeforeHeader(name);
  if (kind === 'unknown') throw fail.notPdf(name);
  throw fail.notPdf(name, KIND_NAMES[kind]);
}

export async function openPdf(bytes: Uint8Array, name: string): Promise<PDFDocument> {
  if (bytes.length === 0) throw fail.damaged(name, '文件为空（0 字节）');
  if (bytes.length > LIMITS.maxInputBytes) throw fail.tooLarge(name, `有 ${fail.sizes.mb(bytes.length)}`);
  checkIsPdf(bytes, name);
  let doc: PDFDocument;
  try {
    doc = await loadBounded(bytes, name, { throwOnInvalidObject: true });
  } catch (error) {
    if (error instanceof PdfError) throw error;
    // pdf-lib's errors are ES5 subclasses of Error: `instanceof` does not see them.
    if (error instanceof Error && /encrypted/i.test(error.message)) throw fail.encrypted(name);
    throw fail.damaged(name);
  }
  // pdf-lib opens some encrypted files (an empty user password) without complaint; their
  // streams are still ciphertext, so they are refused all the same.
  if (doc.isEncrypted) throw fail.encrypted(name);
  checkTail(bytes, name);
  checkPageTree(doc, name);
  return doc;
}

/** Every page reachable, counted as the tree says, with its content and images present. */
function checkPageTree(doc: PDFDocument, name: string): void {
  const context = doc.context;
  let pages: ReturnType<PDFDocument['getPages']>;
  try {
    pages = doc.getPages();
  } catch {
    throw fail.damaged(name, '页面目录损坏');
  }
  if (pages.length === 0) throw fail.empty(name);
  if (pages.length > LIMITS.maxPages) throw fail.tooLarge(name, `有 ${pages.length} 页`);
  const declared = doc.catalog.Pages().get(PDFName.of('Count'));
  if (declared && Number(declared.toString()) !== pages.length) throw fail.damaged(name, '页数与页面目录不符');
  const missing = (value: unknown) => value instanceof PDFRef && context.lookup(value) === undefined;
  for (const page of pages) {
    const contents = page.node.get(PDFName.of('Contents'));
    if (missing(contents)) throw fail.damaged(name, '页面内容缺失');
    const array = contents instanceof PDFRef ? context.lookup(contents) : contents;
    if (array instanceof PDFArray) {
      for (let i = 0; i < array.size(); i++) if (missing(array.get(i))) throw fail.damaged(name, '页面内容缺失');
    } else if (contents !== undefined && !(array instanceof PDFStream)) {
      throw fail.damaged(name, '页面内容缺失');
    }
    const resources = page.node.Resources();
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    for (const [, value] of xobjects?.entries() ?? []) if (missing(value)) throw fail.damaged(name, '页面中的图像缺失');
  }
}
