/**
 * The pipeline, in order: each stage takes the rows its predecessor committed. Reading the
 * list is reading what happens to a scanned file.
 */
import type { Stage } from '../stage';
import type { InboxState } from '../states';
import { claimStage } from './claim';
import { compressStage } from './compress';
import { convertStage } from './convert';
import { fileStage } from './file';
import { finishStage, stackStage } from './finish';
import { matchStage } from './match';
import { readStage } from './read';
import { secureStage } from './secure';
import { stabiliseStage } from './stabilise';
import { validateStage } from './validate';

export const STAGES: readonly Stage[] = [
  stabiliseStage, // detected → stable
  claimStage, // stable → claimed
  secureStage, // claimed → secured
  validateStage, // secured → validated | duplicate
  readStage, // validated → read
  matchStage, // read → matched | needs_review | split
  convertStage, // matched → converted
  compressStage, // converted → compressed
  fileStage, // compressed → filed
  finishStage, // filed → released
  stackStage, // split → released
];

export const stageFor = (state: string): Stage | undefined => STAGES.find((s) => s.from === (state as InboxState));
