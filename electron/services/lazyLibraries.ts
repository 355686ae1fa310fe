/**
 * Libraries that take a tenth of a second or more to load, loaded when first used: a CLI command
 * that reads no workbook does not wait for ExcelJS to start.
 */
export const loadExcel = async () => (await import('exceljs')).default;
