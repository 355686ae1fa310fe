/** Workspace settings: one JSON value per key. */
import { eq } from 'drizzle-orm';
import type { Db } from '../open';
import { settings } from '../schema';

export function createSettingsRepo(db: Db) {
  return {
    get(key: string): unknown {
      const row = db.select().from(settings).where(eq(settings.key, key)).get();
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },
    set(key: string, value: unknown): void {
      const row = { key, value: JSON.stringify(value), updatedAt: new Date().toISOString() };
      db.insert(settings).values(row).onConflictDoUpdate({ target: settings.key, set: row }).run();
    },
    delete(key: string): void {
      db.delete(settings).where(eq(settings.key, key)).run();
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
