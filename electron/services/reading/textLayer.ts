/**
 * A PDF's own text, page by page (pdfjs-dist getTextContent): exact and a few milliseconds a
 * page. Items on one baseline form a line; a page with hardly any text is a scan, left to OCR.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Fewer characters than this is a scan's stray marks (or a scanner's page number), not a text layer. */
export const MIN_TEXT_CHARS = 12;

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfjsModule> | null = null;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

function pdfjsData(folder: string): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(join(dirname(require.resolve('pdfjs-dist/package.json')), folder) + '/').href;
}

export interface TextLayerDocument {
  pageCount: number;
  /** The page's text (1-based), lines separated by newlines. */
  pageText(page: number): Promise<string>;
  close(): Promise<void>;
}

interface TextItem {
  str: string;
  transform: number[];
  hasEOL?: boolean;
}

export async function openTextLayer(bytes: Uint8Array): Promise<TextLayerDocument> {
  const { getDocument } = await loadPdfjs();
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: pdfjsData('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: pdfjsData('standard_fonts'),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  return {
    pageCount: doc.numPages,
    async pageText(n) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const lines: string[] = [];
      let line = '';
      let lastY: number | null = null;
      for (const item of content.items as TextItem[]) {
        if (typeof item.str !== 'string') continue;
        const y = item.transform[5]!;
        if (lastY !== null && Math.abs(y - lastY) > 2 && line) {
          lines.push(line);
          line = '';
        }
        line +=
          (line && !/^\s/.test(item.str) && /[\dA-Za-z]$/.test(line) && /^[\dA-Za-z]/.test(item.str) ? ' ' : '') +
          item.str;
        lastY = y;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
          lastY = null;
        }
      }
      if (line) lines.push(line);
      page.cleanup();
      return lines
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n');
    },
    close: () => task.destroy(),
  };
}

export const hasTextLayer = (text: string) => text.replace(/\s/g, '').length >= MIN_TEXT_CHARS;
