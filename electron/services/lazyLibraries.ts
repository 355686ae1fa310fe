/**
 * Libraries that take a tenth of a second or more to load, loaded when first used: a CLI command
 * that reads no workbook does not wait for ExcelJS to start, and one that draws no PDF does not
 * wait for pdf-lib, fontkit, sharp or qrcode (together most of a second on a busy machine).
 * The synchronous ones are required on first call: their values are needed inside synchronous
 * drawing and font code. Node's module cache makes them the same instances an `import` gets.
 */
import { createRequire } from 'node:module';
import type sharp from 'sharp';

const require = createRequire(import.meta.url);

export const loadExcel = async () => (await import('exceljs')).default;

export const pdfLib = (): typeof import('pdf-lib') => require('pdf-lib');
export const fontkitLib = (): typeof import('fontkit') => require('fontkit');
/** sharp itself, called as `sharp(input, options)`. */
export const sharpLib = (...args: Parameters<typeof sharp>): ReturnType<typeof sharp> =>
  (require('sharp') as typeof sharp)(...args);
export const qrcodeLib = (): typeof import('qrcode') => require('qrcode');
