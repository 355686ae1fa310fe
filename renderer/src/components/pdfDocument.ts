/**
 * PDF.js behind a small interface, loaded on first use so pages without previews stay light.
 * Its worker is bundled as our own script (a `.js` file from our origin, which the strict CSP
 * and every host's content types allow) and started once for the whole page; eval stays off.
 */
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';

export interface PdfHandle {
  pageCount: number;
  /** The page's size in PDF points (1/72 inch), rotation applied. */
  pageSize(page: number): Promise<{ width: number; height: number }>;
  /** Draws the page to fill `cssWidth` CSS pixels, sharp on high-density screens. */
  render(page: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
  destroy(): void;
}

const toBytes = (data: string | Uint8Array) =>
  typeof data === 'string' ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) : data.slice();

let worker: Worker | null = null;

export async function loadPdf(data: string | Uint8Array): Promise<PdfHandle> {
  const pdfjs = await import('pdfjs-dist');
  worker ??= new PdfWorker();
  pdfjs.GlobalWorkerOptions.workerPort = worker;
  const task = pdfjs.getDocument({ data: toBytes(data), isEvalSupported: false, enableXfa: false });
  const doc = await task.promise;
  return {
    pageCount: doc.numPages,
    async pageSize(page) {
      const viewport = (await doc.getPage(page)).getViewport({ scale: 1 });
      return { width: viewport.width, height: viewport.height };
    },
    async render(page, canvas, cssWidth) {
      const pdfPage = await doc.getPage(page);
      const base = pdfPage.getViewport({ scale: 1 });
      const viewport = pdfPage.getViewport({ scale: (cssWidth / base.width) * (window.devicePixelRatio || 1) });
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      await pdfPage.render({ canvas, viewport }).promise;
    },
    destroy: () => void task.destroy(),
  };
}
