/**
 * Which way up a page is, before OCR: text lines are wide, so boxes taller than wide mean the
 * page lies sideways; PaddleOCR's direction classifier then tells upright lines from upside-down
 * ones. Read on a small copy of the page (long side 960 px): a few tenths of a CPU-second.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import type { Rotation } from '../../../shared/reading/types';
import { ocrModelFiles } from './ocrModels';
import { textBoxes } from './ocr';

const SMALL_SIDE = 960;
const CLS_HEIGHT = 48;
const CLS_WIDTH = 192;
/** The widest lines are the surest; more add time, not certainty. */
const LINES_SAMPLED = 10;

let classifier: Promise<InferenceSession> | null = null;
function directionModel(modelDir?: string): Promise<InferenceSession> {
  classifier ??= InferenceSession.create(ocrModelFiles(modelDir).direction, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  classifier.catch(() => (classifier = null));
  return classifier;
}

/** Probability, averaged over the widest lines, that the text is upside down. */
async function upsideDownShare(png: Buffer, modelDir?: string): Promise<number> {
  const boxes = (await textBoxes(png, modelDir))
    .filter((b) => b.width > b.height * 2)
    .sort((a, b) => b.width - a.width)
    .slice(0, LINES_SAMPLED);
  if (boxes.length === 0) return 0;
  const batch = new Float32Array(boxes.length * 3 * CLS_HEIGHT * CLS_WIDTH);
  for (const [n, box] of boxes.entries()) {
    const width = Math.max(1, Math.min(CLS_WIDTH, Math.round((CLS_HEIGHT * box.width) / box.height)));
    const { data } = await sharp(png)
      .extract({ left: Math.max(0, box.x), top: Math.max(0, box.y), width: box.width, height: box.height })
      .resize(width, CLS_HEIGHT, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const base = n * 3 * CLS_HEIGHT * CLS_WIDTH;
    for (let y = 0; y < CLS_HEIGHT; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < 3; c++) {
          batch[base + c * CLS_HEIGHT * CLS_WIDTH + y * CLS_WIDTH + x] =
            (data[(y * width + x) * 3 + c]! / 255 - 0.5) / 0.5;
        }
      }
    }
  }
  const session = await directionModel(modelDir);
  const input = new Tensor('float32', batch, [boxes.length, 3, CLS_HEIGHT, CLS_WIDTH]);
  const output = (await session.run({ [session.inputNames[0]!]: input }))[session.outputNames[0]!]!;
  const probabilities = output.data as Float32Array;
  let sum = 0;
  for (let n = 0; n < boxes.length; n++) sum += probabilities[n * 2 + 1]!;
  return sum / boxes.length;
}

/** Clockwise degrees to turn the page image (any size) so its text reads upright. */
export async function detectRotation(image: Buffer, modelDir?: string): Promise<Rotation> {
  const small = await sharp(image)
    .resize(SMALL_SIDE, SMALL_SIDE, { fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .png()
    .toBuffer();
  const boxes = await textBoxes(small, modelDir);
  const wide = boxes.filter((b) => b.width > b.height * 1.5).length;
  const tall = boxes.filter((b) => b.height > b.width * 1.5).length;
  const sideways = tall > wide;
  const turned = sideways ? await sharp(small).rotate(90).png().toBuffer() : small;
  const flipped = (await upsideDownShare(turned, modelDir)) > 0.5;
  return (((sideways ? 90 : 0) + (flipped ? 180 : 0)) % 360) as Rotation;
}
