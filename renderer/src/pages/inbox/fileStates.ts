/** How a file's state reads in the live list: a tag colour and how far along the pipeline it is. */
import type { InboxFile } from '../../stores/inbox';

type State = InboxFile['state'];

/** The way a file normally travels, in order: its place here is its progress. */
const PATH: readonly State[] = [
  'detected',
  'stable',
  'claimed',
  'secured',
  'validated',
  'read',
  'matched',
  'converted',
  'compressed',
  'filed',
  'released',
];

export function progressOf(state: State): number {
  const at = PATH.indexOf(state);
  return at < 0 ? 100 : Math.round((at / (PATH.length - 1)) * 100);
}

export const isWorking = (state: State) => PATH.includes(state) && state !== 'released' && state !== 'filed';

export function tagType(state: State): 'default' | 'info' | 'success' | 'warning' | 'error' {
  if (state === 'released' || state === 'filed') return 'success';
  if (state === 'needs_review' || state === 'duplicate') return 'warning';
  if (state === 'quarantined') return 'error';
  if (state === 'gone' || state === 'discarded') return 'default';
  return 'info';
}

export const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
