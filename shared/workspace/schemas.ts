/** The workspace's part of the API: backups and restore, the integrity report, moving a workspace. */
import { z } from 'zod';

const route = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const none = z.object({});

export const BACKUP_KIND_LABELS = {
  daily: '每日自动',
  manual: '手动',
  'pre-migration': '升级前',
  'pre-restore': '恢复前',
} as const;

export const Counts = z.object({ people: z.number(), documents: z.number(), batches: z.number() });

export const Backup = z.object({
  name: z.string(),
  kind: z.enum(['daily', 'manual', 'pre-migration', 'pre-restore']),
  createdAt: z.string(),
  bytes: z.number(),
  schemaVersion: z.number(),
  counts: Counts,
  verified: z.boolean(),
  problems: z.array(z.string()),
  /** The folder it is in: the chosen backup location or the workspace's own. */
  dir: z.string(),
});
export type Backup = z.infer<typeof Backup>;

const DocumentProblem = z.object({
  id: z.number(),
  fileName: z.string(),
  person: z.string().nullable(),
  materialType: z.string(),
  storedPath: z.string(),
});

export const IntegrityReport = z.object({
  checkedAt: z.string(),
  ok: z.boolean(),
  /** The database's own findings (integrity_check, foreign keys); empty when sound. */
  database: z.array(z.string()),
  documents: z.number(),
  missing: z.array(DocumentProblem),
  altered: z.array(DocumentProblem),
  /** Files no document row points at; `sound` ones are named for their own content and kept. */
  orphans: z.array(z.object({ path: z.string(), bytes: z.number(), sound: z.boolean() })),
});
export type IntegrityReport = z.infer<typeof IntegrityReport>;

/** A folder on this machine, typed by the user: the main side checks it. */
const folder = z.string().trim().min(1, '请填写文件夹').max(1000);
const archive = z
  .string()
  .trim()
  .min(1, '请填写归档文件的位置')
  .max(1000)
  .refine((s) => s.toLowerCase().endsWith('.zip'), '归档文件应为 .zip 文件');

export const workspaceRoutes = {
  'backups.list': route(
    none,
    z.object({
      /** Where new backups go. */
      dir: z.string(),
      /** The folder the user chose for backups, or null for the workspace's own. */
      folder: z.string().nullable(),
      /** False while the chosen folder cannot be reached (a disconnected network drive). */
      reachable: z.boolean(),
      schemaVersion: z.number(),
      backups: z.array(Backup),
      lastRestore: z.object({ at: z.string(), from: Backup, safety: Backup }).nullable(),
    }),
  ),
  'backups.create': route(none, Backup),
  /** Where backups go from now on: a folder the main side checks again, or null for the workspace's own. */
  'backups.setLocation': route(
    z.object({ folder: folder.nullable() }),
    z.object({ dir: z.string(), folder: z.string().nullable() }),
  ),
  'backups.restore': route(
    z.object({ name: z.string().min(1, '请选择备份') }),
    z.object({ from: Backup, safety: Backup, missingFiles: z.number(), notice: z.string().nullable() }),
  ),
  'integrity.get': route(none, z.object({ running: z.boolean(), report: IntegrityReport.nullable() })),
  'integrity.check': route(none, IntegrityReport),
  'integrity.repair': route(
    none,
    z.object({ adopted: z.number(), setAside: z.array(z.string()), report: IntegrityReport }),
  ),
  'workspace.export': route(
    z.object({ folder: folder.optional() }),
    z.object({ file: z.string(), bytes: z.number(), files: z.number() }),
  ),
  'workspace.import': route(
    z.object({ archive, target: folder }),
    z.object({ target: z.string(), files: z.number(), counts: Counts, notice: z.string().nullable() }),
  ),
} as const;
