import { eq, sql } from 'drizzle-orm';
import type { Unit } from '../../shared/domain/schemas';
import type { Db } from '../open';
import { employees, units } from '../schema';

export type UnitFields = Omit<Unit, 'id' | 'isDefault' | 'hasSeal'>;

const toUnit = (row: typeof units.$inferSelect): Unit => ({
  id: row.id,
  name: row.name,
  creditCode: row.creditCode,
  nature: row.nature,
  region: row.region,
  authority: row.authority,
  contactName: row.contactName,
  contactPhone: row.contactPhone,
  address: row.address,
  isDefault: row.isDefault,
  hasSeal: row.sealPath !== null,
});

export function createUnitsRepo(db: Db) {
  const repo = {
    list(): Unit[] {
      return db
        .select()
        .from(units)
        .orderBy(sql`${units.isDefault} DESC`, units.id)
        .all()
        .map(toUnit);
    },
    get(id: number): Unit | null {
      const row = db.select().from(units).where(eq(units.id, id)).get();
      return row ? toUnit(row) : null;
    },
    byCreditCode(code: string): Unit | null {
      const row = db.select().from(units).where(eq(units.creditCode, code)).get();
      return row ? toUnit(row) : null;
    },
    defaultId(): number | null {
      return db.select({ id: units.id }).from(units).where(eq(units.isDefault, true)).get()?.id ?? null;
    },
    /** Inserts a unit; the first one becomes the default. */
    insert(fields: UnitFields): Unit {
      return db.transaction((tx) => {
        const isFirst =
          tx
            .select({ n: sql<number>`count(*)` })
            .from(units)
            .get()!.n === 0;
        const row = tx
          .insert(units)
          .values({ ...fields, isDefault: isFirst })
          .returning()
          .get();
        return toUnit(row);
      });
    },
    update(id: number, fields: UnitFields): Unit | null {
      const row = db
        .update(units)
        .set({ ...fields, updatedAt: new Date().toISOString() })
        .where(eq(units.id, id))
        .returning()
        .get();
      return row ? toUnit(row) : null;
    },
    setDefault(id: number): void {
      db.transaction((tx) => {
        tx.update(units).set({ isDefault: false }).run();
        tx.update(units).set({ isDefault: true }).where(eq(units.id, id)).run();
      });
    },
    peopleCount(id: number): number {
      return db
        .select({ n: sql<number>`count(*)` })
        .from(employees)
        .where(eq(employees.unitId, id))
        .get()!.n;
    },
    delete(id: number): void {
      db.delete(units).where(eq(units.id, id)).run();
    },
  };
  return repo;
}
export type UnitsRepo = ReturnType<typeof createUnitsRepo>;
