/**
 * The engine as a stage uses it for one file. Each run is counted in the journal before it
 * starts and uncounted when it ends, in success or in an ordinary error; a run that kills the
 * engine's process (or the whole app) stays counted. So a file that has brought the engine down
 * twice is quarantined with the reason instead of bringing it down again at every start.
 */
import type { InboxFileRow } from '../../../db/repos/inbox';
import { PdfError } from '../pdf/errors';
import type { InboxContext } from './context';
import type { InboxEngine } from './pipeline';
import { permanent } from './states';

export const MAX_ENGINE_RUNS = 2;

/** The engine's own report that its process died under a job (out of memory, a crash). */
export const engineCrashed = (error: unknown) =>
  error instanceof PdfError && (error.pdfCode as string) === 'ENGINE_CRASHED';

export function engineFor(ctx: InboxContext, row: InboxFileRow): InboxEngine {
  const { journal, engine } = ctx;
  async function counted<T>(work: () => Promise<T>): Promise<T> {
    const runs = journal.file(row.id)?.engineRuns ?? 0;
    if (runs >= MAX_ENGINE_RUNS)
      throw permanent(
        `处理「${row.sourceName}」时 PDF 引擎已 ${runs} 次异常退出（文件可能已损坏或过于复杂），已停止处理。可重试或丢弃`,
        'ENGINE_CRASHED',
      );
    journal.patch(row.id, { engineRuns: runs + 1 });
    ctx.probe('engine:started', row);
    try {
      const result = await work();
      journal.patch(row.id, { engineRuns: runs });
      return result;
    } catch (error) {
      if (!engineCrashed(error)) journal.patch(row.id, { engineRuns: runs });
      throw error;
    }
  }
  return {
    compress: (...args) => counted(() => engine.compress(...args)),
    imagesToPdf: (...args) => counted(() => engine.imagesToPdf(...args)),
    extractPages: (...args) => counted(() => engine.extractPages(...args)),
    pageCodes: (...args) => counted(() => engine.pageCodes(...args)),
    readPages: (...args) => counted(() => engine.readPages(...args)),
    pagePreview: (...args) => engine.pagePreview(...args),
  };
}
