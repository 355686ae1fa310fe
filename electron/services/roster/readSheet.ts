/**
 * Reads the first worksheet of an .xlsx, or a .csv in UTF-8 or GBK (as Excel and WPS save it
 * in China), into plain rows of cells.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../../shared/api/errors';
import type { Cell, Sheet } from '../../../shared/roster/validateRoster';
import { unpackedSize } from './workbookBounds';

function badFile(fileName: string, why: string): AppError {
  return new AppError('BAD_INPUT', `文件「${fileName}」${why}`);
}

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), otherwise GB18030, a superset of GBK. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  }
}

function readCsv(bytes: Uint8Array, fileName: string): Sheet {
  const parsed = Papa.parse<string[]>(decodeCsv(bytes), { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw badFile(fileName, `第${(fatal.row ?? 0) + 1}行的引号不配对，无法读取`);
  return { rows: parsed.data.map((row) => row.map((cell) => (cell.trim() === '' ? null : cell))) };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null; // error values (#N/A…)
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  if (unpackedSize(bytes) === null)
    throw badFile(fileName, '解压后超过64MB（可能含有大量空白行列或隐藏内容），请把名单复制到新的工作簿再导入');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badFile(fileName, '不是有效的 .xlsx 文件，或已损坏；请用 Excel/WPS 打开后另存为 .xlsx 再导入');
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' && ws.rowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw badFile(fileName, '中没有工作表');
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based, index 0 unused
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { rows };
}

export async function readSheet(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv') return readCsv(bytes, fileName);
  if (ext === 'xlsx') return readXlsx(bytes, fileName);
  if (ext === 'xls' || ext === 'et') {
    throw badFile(fileName, '是旧的 Excel/WPS 格式，请另存为 .xlsx（Excel 工作簿）后再导入');
  }
  throw badFile(fileName, '不是 .xlsx 或 .csv 文件');
}
