/**
 * Reads the first worksheet of an .xlsx, or a .csv in UTF-8 or GBK (as Excel and WPS save it
 * in China), into plain rows of cells.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../lazyLibraries';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { Readable } from 'node:stream';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AppError } from '../../../shared/api/errors';
import type { Cell, MergeRange, Sheet } from '../../../shared/roster/validateRoster';
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

/**
 * ExcelJS's streaming reader: a third of the time and memory of loading the whole workbook, for
 * the same cell values. Two things it lacks are made up for here: it skips merged ranges, so
 * those come from the sheet's own XML; and it decodes each piece of a zip entry on its own, so a
 * Chinese character cut between two pieces comes out as two � — the XML is handed to it as pure
 * ASCII (numeric character references), which no cut can split.
 */
async function readXlsx(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  const damaged = () => badFile(fileName, '不是有效的 .xlsx 文件，或已损坏；请用 Excel/WPS 打开后另存为 .xlsx 再导入');
  // Unpacked once within a bound before anything holds it: a few MB can inflate to gigabytes.
  if (unpackedSize(bytes) === null)
    throw badFile(fileName, '解压后超过64MB（可能含有大量空白行列或隐藏内容），请把名单复制到新的工作簿再导入');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw damaged();
  }
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(asciiWorkbook(files))]),
    {
      sharedStrings: 'cache',
      styles: 'cache', // dates are numbers with a date format: the styles tell them apart
      hyperlinks: 'ignore',
      worksheets: 'emit',
    },
  );
  let found: { id: number; rows: Cell[][] } | null = null;
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets++;
      const rows: Cell[][] = [];
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[]; // 1-based, index 0 unused
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
        rows[row.number - 1] = cells;
      }
      const id = (worksheet as unknown as { id: number }).id;
      // The first sheet with rows that is not hidden; a workbook of hidden or empty sheets, its first.
      if (!found || (found.rows.length === 0 && rows.length > 0)) {
        if (rows.length === 0 || !isHidden(reader, id)) found = { id, rows };
      }
      if (found && found.rows.length > 0) break;
    }
  } catch {
    throw damaged();
  }
  if (!found) throw badFile(fileName, sheets === 0 ? '中没有工作表' : '中没有内容');
  const rows = found.rows;
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const merges = sheetMerges(files[`xl/worksheets/sheet${found.id}.xml`]);
  // A merged cell holds its text in its first row only: down a column (a department merged over
  // its people) every row takes it; across columns (a footer's 「制表人：…」) only the first column.
  for (const merge of merges) {
    const value = rows[merge.top]?.[merge.left] ?? null;
    for (let r = merge.top + 1; r <= merge.bottom && r < rows.length; r++) rows[r]![merge.left] = value;
  }
  return { rows, merges, source: 'xlsx' };
}

/**
 * The workbook again, its XML in ASCII only (「张」 as &#24352;), stored without compression, and
 * the workbook's own parts first: the streaming reader needs them before the first sheet, and
 * Excel, WPS and ExcelJS do not all write them in that order.
 */
function asciiWorkbook(files: Record<string, Uint8Array>): Uint8Array {
  const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  const names = [...first.filter((name) => name in files), ...Object.keys(files).filter((n) => !first.includes(n))];
  const ascii: Record<string, Uint8Array> = {};
  for (const name of names) {
    const data = files[name]!;
    const text = name.endsWith('.xml') || name.endsWith('.rels') ? strFromU8(data) : null;
    ascii[name] =
      text !== null && NON_ASCII.test(text)
        ? strToU8(text.replace(NON_ASCII_ALL, (c) => `&#${c.codePointAt(0)};`))
        : data;
  }
  return zipSync(ascii, { level: 0 });
}
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/gu;

function isHidden(reader: ExcelJS.stream.xlsx.WorkbookReader, id: number): boolean {
  const sheets = (reader as unknown as { model?: { sheets?: Array<{ id: number; state?: string }> } }).model?.sheets;
  const state = sheets?.find((sheet) => Number(sheet.id) === id)?.state;
  return state === 'hidden' || state === 'veryHidden';
}

/** A sheet's merged ranges, 0-based, from its XML's <mergeCell ref="A1:D1"/>. */
function sheetMerges(xml: Uint8Array | undefined): MergeRange[] {
  if (!xml) return [];
  return [...strFromU8(xml).matchAll(/<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)].map((m) => ({
    top: Number(m[2]) - 1,
    left: columnIndex(m[1]!),
    bottom: Number(m[4]) - 1,
    right: columnIndex(m[3]!),
  }));
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
