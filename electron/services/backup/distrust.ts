/**
 * A database that comes from elsewhere — an imported archive, a restored backup — is data, not
 * instructions. Before it is put in place: every library path in it must be the library's own form
 * (a row pointing at `../../someone/else.txt` is refused, not followed), and what the app would
 * do by itself with its settings is held back until the user turns it on: watched folders (which
 * move and delete files in folders they name) are disabled, unfinished scanned files are
 * quarantined, no released source is purged on a schedule, and remembered export folders are
 * forgotten. (Where backups go is not in the database: an archive or a backup cannot bring it.)
 */
import { withDatabaseFile, type SqliteConnection } from '../../../db';
import { AppError } from '../../../shared/api/errors';
import { isStoredPath } from '../library/storedPath';
import { LAST_KIT_FOLDER } from '../kits/kitFolder';

export interface HeldBack {
  /** Watched folders turned off. */
  folders: number;
  /** Scanned files that were part-way through, now quarantined until retried. */
  inboxFiles: number;
}

type Db = SqliteConnection;

const hasColumn = (db: Db, table: string, column: string) =>
  (db.pragma(`table_info(${table})`) as Array<{ name: string }>).some((c) => c.name === column);

/** Refuses the database when any library path in it is not of the library's form. */
function checkLibraryPaths(db: Db, source: string): void {
  const columns: Array<[table: string, column: string, what: string]> = [
    ['documents', 'stored_path', '文档'],
    ['units', 'seal_path', '单位印章'],
    ['inbox_files', 'stored_path', '收件箱文件'],
  ];
  for (const [table, column, what] of columns) {
    if (!hasColumn(db, table, column)) continue;
    const rows = db.prepare(`SELECT id, ${column} AS path FROM ${table} WHERE ${column} IS NOT NULL`).all() as Array<{
      id: number;
      path: unknown;
    }>;
    const bad = rows.find((row) => !isStoredPath(row.path));
    if (bad)
      throw new AppError(
        'REFUSED',
        `${source}中第 ${bad.id} 条${what}的存放路径「${String(bad.path)}」不是文档库中的文件，未导入；该${source}可能被改动过`,
      );
  }
}

const FINAL = ['released', 'needs_review', 'duplicate', 'quarantined', 'gone', 'discarded'];

/**
 * Checks the database file and holds back what would act unasked. `keep` names watched folders
 * (by path) that may stay on: when restoring a backup, the folders the user has on right now.
 */
export function distrustDatabase(
  file: string,
  source: '归档' | '备份',
  keep: ReadonlySet<string> = new Set(),
): HeldBack {
  return withDatabaseFile(file, (db) => {
    checkLibraryPaths(db, source);
    return db.transaction((): HeldBack => {
      let folders = 0;
      let inboxFiles = 0;
      if (hasColumn(db, 'watched_folders', 'enabled')) {
        const on = db.prepare('SELECT id, path FROM watched_folders WHERE enabled = 1').all() as Array<{
          id: number;
          path: string;
        }>;
        const off = db.prepare('UPDATE watched_folders SET enabled = 0 WHERE id = ?');
        for (const folder of on.filter((f) => !keep.has(f.path))) folders += off.run(folder.id).changes;
      }
      // An archive's scanned files were on another machine; a backup's resume unless their folder was turned off.
      if ((source === '归档' || folders > 0) && hasColumn(db, 'inbox_files', 'failed_state')) {
        const marks = FINAL.map(() => '?').join(', ');
        inboxFiles = db
          .prepare(
            `UPDATE inbox_files SET failed_state = state, state = 'quarantined',
               last_error = '来自${source}：监视文件夹已关闭，确认文件夹后请重试' WHERE state NOT IN (${marks})`,
          )
          .run(...FINAL).changes;
        db.prepare('UPDATE inbox_files SET purge_at = NULL WHERE purged = 0').run();
      }
      // Folders named by a database from elsewhere: swept at start-up, or offered for the next kits.
      if (hasColumn(db, 'settings', 'key')) {
        if (source === '归档') db.prepare("DELETE FROM settings WHERE key = 'kits.exportDirs'").run();
        db.prepare('DELETE FROM settings WHERE key = ?').run(LAST_KIT_FOLDER);
      }
      return { folders, inboxFiles };
    })();
  });
}

export function heldBackNotice(held: HeldBack): string | null {
  const parts = [
    held.folders > 0 ? `${held.folders} 个监视文件夹已关闭` : '',
    held.inboxFiles > 0 ? `${held.inboxFiles} 个处理中的扫描文件已隔离` : '',
  ].filter(Boolean);
  return parts.length === 0 ? null : `${parts.join('，')}：请在「材料收件箱」确认文件夹无误后再开启或重试`;
}
