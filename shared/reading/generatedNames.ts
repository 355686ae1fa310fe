/**
 * File names that scanners and phone apps make up: they name the day of scanning, not the
 * person, the material or its year, so the content decides. Kept to names seen in the field.
 */

const GENERATED = [
  /^scan([\s_-]?\d.*)?$/i, // Scan_20261206_0001, scan0001
  /^img[\s_-]?\d+/i, // IMG_20261206_101500
  /^(dsc|dscn|dcim|pxl|mvimg)[\s_-]?\d+/i, // cameras and Pixel phones
  /^doc\d+/i, // doc0123, doc20261206
  /^image\d*(\s*\(\d+\))?$/i,
  /^(新建|未命名)?扫描(文件|件|文档)?[\s_-]*\d/, // 扫描件_20261206
  /^扫描全能王\s/, // 扫描全能王 2026-12-06 10.15
  /^camscanner\s/i, // CamScanner 12-06-2026 10.20
  /^微信图片[_\s]/, // 微信图片_20261206101500
  /^mmexport\d+/i, // WeChat saves
  /^wps图片/i,
  /^screenshot[\s_-]/i,
  /^屏幕截图/,
  /^download(\s*\(\d+\))?$/i, // download, download (1)
  /^(document|file|untitled|新建文档)(\s*\(\d+\))?$/i,
  /^\d{8}[\s_-]?\d{0,6}(\s*\(\d+\))?$/, // 20261206_101500
  /^[\d\s_().-]+$/, // only digits and separators
];

/** The file name (with or without folders and extension) is one a scanner or app generated. */
export function isGeneratedName(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  return GENERATED.some((pattern) => pattern.test(stem));
}
