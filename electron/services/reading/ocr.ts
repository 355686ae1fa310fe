/**
 * OCR of a page image with PaddleOCR PP-OCRv4 (ppu-paddle-ocr on onnxruntime-node): measured on
 * scanned Chinese HR documents far ahead of tesseract (every ID number and name read). One engine
 * per process (the PDF engine's worker), loaded on first use (~1 s), from local model files only.
 */
import { readFileSync } from 'node:fs';
import type { PaddleOcrService } from 'ppu-paddle-ocr';
import { ocrModelFiles, type OcrModelFiles } from './ocrModels';

export interface OcrEngine {
  files: OcrModelFiles;
  service: PaddleOcrService;
}

let loading: Promise<OcrEngine> | null = null;

/**
 * The recognition model's classes are CTC blank, the 6,623 characters of ppocr_keys_v1.txt and a
 * space; the decoder looks characters up by class index, so the dictionary it is given must
 * start with the blank and end with the space, or every character shifts by one.
 */
export function recognitionDictionary(keysFile: string): ArrayBuffer {
  const keys = readFileSync(keysFile, 'utf8').split(/\r?\n/).filter(Boolean);
  const bytes = new TextEncoder().encode(['<blank>', ...keys, ' '].join('\n'));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The process's OCR engine, loaded once. */
export function ocrEngine(modelDir?: string): Promise<OcrEngine> {
  loading ??= (async () => {
    const files = ocrModelFiles(modelDir);
    const { PaddleOcrService } = await import('ppu-paddle-ocr');
    const service = new PaddleOcrService({
      model: {
        detection: files.detection,
        recognition: files.recognition,
        charactersDictionary: recognitionDictionary(files.dictionary),
      },
      // One thread per engine: the engine's workers already run one page per core.
      session: { intraOpNumThreads: 1, interOpNumThreads: 1 },
      // The default 960 px blurs 15 px Chinese strokes at 150 dpi; read the page at its size.
      detection: { maxSideLength: 1760 },
    });
    await service.initialize();
    return { files, service };
  })();
  loading.catch(() => (loading = null));
  return loading;
}

const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The text of an upright page image (PNG), lines in reading order. */
export async function ocrText(png: Buffer, modelDir?: string): Promise<string> {
  const { service } = await ocrEngine(modelDir);
  const result = await service.recognize(arrayBuffer(png), { noCache: true });
  return result.text;
}

/** Text boxes found on a page image (PNG), without reading them. */
export async function textBoxes(png: Buffer, modelDir?: string) {
  const { service } = await ocrEngine(modelDir);
  return (await service.detect(arrayBuffer(png))).boxes;
}
