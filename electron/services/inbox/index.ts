/**
 * The inbox service as the composition root sees it: the pipeline, its watched folders and
 * settings, cover sheets, and a person's documents. `start()` runs the watcher while the app is
 * up; the CLI and the tests drive the same pipeline with `runOnce()`.
 */
import { join, resolve } from 'node:path';
import type { Db, Repos } from '../../../db';
import { createInboxRepo, type WatchedFolderRow } from '../../../db/repos/inbox';
import { AppError, notFound } from '../../../shared/api/errors';
import { materialType as findType } from '../../../shared/domain/materials';
import type { Library } from '../library/library';
import { coverSheets, type CoverTarget } from './coverSheet';
import { createPersonDocuments } from './documents';
import { createInbox, type InboxDeps, type InboxEmit, type InboxEngine } from './pipeline';
import { readSettings, saveSettings } from './settings';
import { startInboxWatcher, type InboxWatcher, type WatchOptions } from './watcher';

export { createInbox, type Inbox, type InboxEmit, type InboxEvents, type FileOutcome } from './pipeline';
export { startInboxWatcher } from './watcher';
export { coverSheets, coverPayload, parseCoverPayload } from './coverSheet';

export interface FolderInput {
  path: string;
  label?: string | null;
  materialType?: string | null;
  employeeId?: number | null;
  polling?: boolean | null;
  stableSeconds?: number | null;
  afterFiling?: 'move' | 'delete';
  deleteAfterDays?: number;
  enabled?: boolean;
}

export interface InboxServiceDeps {
  db: Db;
  repos: Repos;
  library: Library;
  engine: InboxEngine;
  /** The workspace root: work files go to <dataDir>/inbox-work/. */
  dataDir: string;
  emit?: InboxEmit;
  /** Test and tuning knobs of the pipeline. */
  pipeline?: Partial<Omit<InboxDeps, 'repos' | 'inboxRepo' | 'library' | 'engine' | 'workDir' | 'emit'>>;
  resourcesDir?: string;
}

export function createInboxService(deps: InboxServiceDeps) {
  const inboxRepo = createInboxRepo(deps.db);
  const pipeline = createInbox({
    ...deps.pipeline,
    repos: deps.repos,
    inboxRepo,
    library: deps.library,
    engine: deps.engine,
    workDir: join(deps.dataDir, 'inbox-work'),
    emit: deps.emit,
  });
  const documents = createPersonDocuments({ repos: deps.repos, inboxRepo, library: deps.library, engine: deps.engine });
  let watcher: InboxWatcher | null = null;

  function checkFolder(input: Partial<FolderInput>): void {
    if (input.materialType && !findType(input.materialType))
      throw new AppError('BAD_INPUT', `「${input.materialType}」不是已知的材料类型`);
    if (input.employeeId && !inboxRepo.person(input.employeeId)) throw notFound('该人员');
    if (
      input.stableSeconds !== undefined &&
      input.stableSeconds !== null &&
      !(input.stableSeconds >= 0 && input.stableSeconds <= 600)
    )
      throw new AppError('BAD_INPUT', '稳定等待时间应在 0–600 秒之间');
    if (input.deleteAfterDays !== undefined && !(Number.isInteger(input.deleteAfterDays) && input.deleteAfterDays >= 0))
      throw new AppError('BAD_INPUT', '删除前保留的天数应为不小于 0 的整数');
  }

  const normalisePath = (path: string) => (/^(\\\\|\/\/)/.test(path) ? path : resolve(path));

  return {
    pipeline,
    documents,
    repo: inboxRepo,

    folders: {
      list: (): WatchedFolderRow[] => inboxRepo.folders(),
      add(input: FolderInput): WatchedFolderRow {
        checkFolder(input);
        const path = normalisePath(input.path.trim());
        if (!input.path.trim()) throw new AppError('BAD_INPUT', '请给出要监视的文件夹');
        if (inboxRepo.folderByPath(path)) throw new AppError('CONFLICT', `文件夹「${path}」已在监视列表中`);
        const row = inboxRepo.insertFolder({
          path,
          label: input.label ?? null,
          materialType: input.materialType ?? null,
          employeeId: input.employeeId ?? null,
          polling: input.polling ?? null,
          stableSeconds: input.stableSeconds ?? null,
          afterFiling: input.afterFiling ?? 'move',
          deleteAfterDays: input.deleteAfterDays ?? 7,
          enabled: input.enabled ?? true,
        });
        deps.repos.audit.record({ action: '添加监视文件夹', entity: 'watched_folders', entityId: row.id });
        void watcher?.refresh();
        return row;
      },
      update(id: number, input: Partial<FolderInput>): WatchedFolderRow {
        checkFolder(input);
        const { path, ...rest } = input;
        const row = inboxRepo.updateFolder(id, { ...rest, ...(path ? { path: normalisePath(path) } : {}) });
        if (!row) throw notFound('该监视文件夹');
        void watcher?.refresh();
        return row;
      },
      remove(id: number): void {
        if (!inboxRepo.deleteFolder(id)) throw notFound('该监视文件夹');
        deps.repos.audit.record({ action: '移除监视文件夹', entity: 'watched_folders', entityId: id });
        void watcher?.refresh();
      },
    },

    settings: {
      get: () => readSettings(deps.repos),
      save: (input: unknown) => saveSettings(deps.repos, input),
    },

    /** Cover sheets for people and materials, one page each, as one printable PDF. */
    async coverSheets(items: Array<{ employeeId: number; materialType: string; year?: number | null }>) {
      if (items.length === 0) throw new AppError('BAD_INPUT', '请至少选择一人一种材料');
      const targets: CoverTarget[] = items.map((item) => {
        const person = inboxRepo.person(item.employeeId);
        if (!person) throw notFound('该人员');
        const type = findType(item.materialType);
        if (!type) throw new AppError('BAD_INPUT', `「${item.materialType}」不是已知的材料类型`);
        if (type.perYear && !item.year) throw new AppError('BAD_INPUT', `「${type.type}」按年度归档，请给出年度`);
        return {
          personId: person.id,
          idNumber: person.idNumber,
          name: person.name,
          materialType: type.type,
          year: item.year ?? null,
        };
      });
      return coverSheets(targets, deps.resourcesDir);
    },

    /** Starts watching (the app); idempotent. */
    start(options: WatchOptions = {}): InboxWatcher {
      watcher ??= startInboxWatcher(pipeline, options);
      return watcher;
    },
    async stop(): Promise<void> {
      const current = watcher;
      watcher = null;
      if (current) await current.stop();
      else pipeline.stop();
    },
  };
}
export type InboxService = ReturnType<typeof createInboxService>;
