/**
 * The states a scanned file goes through, and what an error means for it: a transient one is
 * retried with backoff (the attempt and the next time are persisted, so retries survive a
 * restart); a permanent one sends the file to quarantine with the reason.
 */

/** In order. Each is committed before the next step starts. */
export const INBOX_STATES = [
  'detected', // seen by the watcher or the rescan; its size and time are being watched
  'stable', // unchanged for the stability window
  'claimed', // renamed into <folder>/.zhicheng/claimed/ (or copy-only, for a read-only folder)
  'secured', // copied into the library, re-read and verified by sha256
  'validated', // the type sniffed from its bytes, opened strictly, pages counted; not a duplicate
  'read', // its pages' text read (text layer, else OCR) as far as knowing whose and what it is needs
  'matched', // person, material type and year known
  'split', // a stack of several people's papers: its parts go on as rows of their own
  'converted', // a PDF of the right pages (images converted, cover pages dropped)
  'compressed', // at or under the material's size limit
  'filed', // the document is committed
  'released', // the source has left the scan folder (moved to 已处理/ or to be deleted): done
  'needs_review', // no sure match, or cannot fit the limit: waits for the user
  'duplicate', // the same bytes are already filed: linked, not filed again
  'quarantined', // a permanent error: kept with its reason until retried or discarded
  'gone', // vanished before it was claimed (another PC took it, or the user moved it)
  'discarded', // the user discarded it (audited); its secured original stays in the library
] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/** Nothing more happens to these rows unless the user acts. */
export const FINAL_STATES: ReadonlySet<InboxState> = new Set([
  'released',
  'needs_review',
  'duplicate',
  'quarantined',
  'gone',
  'discarded',
]);

export const STATE_LABELS: Record<InboxState, string> = {
  detected: '已发现',
  stable: '写入完成',
  claimed: '已领取',
  secured: '原件已保存',
  validated: '已校验',
  read: '已识别',
  matched: '已匹配',
  split: '已拆分',
  converted: '已转换',
  compressed: '已压缩',
  filed: '已归档',
  released: '完成',
  needs_review: '待人工确认',
  duplicate: '重复文件',
  quarantined: '已隔离',
  gone: '已不在',
  discarded: '已丢弃',
};

/** An error the pipeline understands: permanent ones quarantine, transient ones retry. */
export class InboxError extends Error {
  constructor(
    readonly kind: 'transient' | 'permanent' | 'review',
    message: string,
    readonly code: string = kind === 'transient' ? 'TRANSIENT' : 'PERMANENT',
  ) {
    super(message);
    this.name = 'InboxError';
  }
}

export const transient = (message: string, code?: string) => new InboxError('transient', message, code);
export const permanent = (message: string, code?: string) => new InboxError('permanent', message, code);
export const review = (message: string, code = 'REVIEW') => new InboxError('review', message, code);

/** File-system errors that pass: locks (scanner, antivirus, indexer), shares that drop, full disks. */
const TRANSIENT_FS = new Set([
  'EBUSY',
  'EPERM',
  'EACCES',
  'EAGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ESTALE',
  'EMFILE',
  'ENFILE',
  'ENOSPC',
  'EIO',
  'UNKNOWN',
]);

export function fsCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

export const isTransientFs = (error: unknown) => TRANSIENT_FS.has(fsCode(error) ?? '');

/** A Chinese line for an OS error, naming what was being done. */
export function describeFsError(error: unknown, doing: string): string {
  const code = fsCode(error);
  const why: Record<string, string> = {
    EBUSY: '文件正被其他程序占用（扫描仪、杀毒软件或同步软件）',
    EPERM: '文件被占用或没有权限',
    EACCES: '没有权限',
    ENOSPC: '磁盘空间已满',
    ENOENT: '文件不存在',
    ETIMEDOUT: '网络共享没有响应',
    ECONNRESET: '网络连接中断',
    EHOSTDOWN: '网络共享所在的电脑不可用',
    ENETUNREACH: '网络不可用',
    ESTALE: '网络共享上的文件已失效',
    EMFILE: '同时打开的文件过多',
    EIO: '读写出错',
  };
  return `${doing}时出错：${(code && why[code]) ?? (error instanceof Error ? error.message : String(error))}`;
}

export interface RetryPolicy {
  /** Waits after the 1st, 2nd, … failure; the last one repeats. */
  delaysMs: readonly number[];
  /** ± share of random spread, so files that failed together do not retry together. */
  jitter: number;
  /** Give up (quarantine) after this many attempts… */
  maxAttempts: number;
  /** …or this long after the first failure, whichever comes first (a full disk never gives up). */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  delaysMs: [2_000, 5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000],
  jitter: 0.2,
  maxAttempts: 20,
  giveUpAfterMs: 24 * 3_600_000,
};

export function retryDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const base = policy.delaysMs[Math.min(attempt - 1, policy.delaysMs.length - 1)] ?? 0;
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * random() - 1))));
}
