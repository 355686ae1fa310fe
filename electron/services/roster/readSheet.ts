/**
 * Reads the first worksheet of an .xlsx, or a .csv in UTF-8 or GBK (as Excel and WPS save it
 * in China), into plain rows of cells.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../../shared/api/errors';
import type { Cell, Sheet } from '../../../shared/roster/validateRoster';

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
  // One file may mix \r\n and \n (rows pasted from two sources): papaparse takes the first line's
  // ending for all, so the other rows would run together. One ending for every line.
  const text = decodeCsv(bytes).replace(/\r\n?/g, '\n');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, newline: '\n' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw badFile(fileName, `第${(fatal.row ?? 0) + 1}行的引号不配对，无法读取`);
  return {
    rows: parsed.data.map((row) => row.map((cell) => (cell.trim() === '' ? null : cell))),
    source: 'csv',
  };
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
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // A merged cell reads as its master: kept down a column (a department merged over its
      // people), dropped across columns, where a footer's 「制表人：…」 would fill every field.
      const across = cell.isMerged && cell.master !== cell && cell.master.col !== cell.col;
      cells[col - 1] = across ? null : cellValue(cell.value);
    });
    for (let c = 0; c < cells.length; c++) cells[c] ??= null;
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const merges = (sheet.model.merges ?? []).flatMap((range) => {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) return [];
    return [{ top: Number(m[2]) - 1, left: columnIndex(m[1]!), bottom: Number(m[4]) - 1, right: columnIndex(m[3]!) }];
  });
  return { rows, merges, source: 'xlsx' };
}

/** 'A' → 0, 'AB' → 27. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
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
