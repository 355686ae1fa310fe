/**
 * What letters read and write: the people with their unit, highest title and declaration in a few
 * bulk queries; the unit's seal; the generated letters a new one supersedes.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { TITLE_LEVELS } from '../../shared/domain/enums';
import type { Db } from '../open';
import { batches, declarations, documents, employees, titles, units } from '../schema';

export type LetterEmployee = Pick<
  typeof employees.$inferSelect,
  | 'id'
  | 'unitId'
  | 'name'
  | 'idNumber'
  | 'gender'
  | 'birthDate'
  | 'phone'
  | 'department'
  | 'position'
  | 'hiredOn'
  | 'workStartedOn'
  | 'specialty'
>;
export type LetterUnit = Pick<
  typeof units.$inferSelect,
  'id' | 'name' | 'creditCode' | 'region' | 'address' | 'contactName' | 'contactPhone' | 'sealPath'
>;
export type LetterTitle = Pick<typeof titles.$inferSelect, 'series' | 'specialty' | 'level' | 'obtainedOn'>;
export type BatchType = (typeof batches.$inferSelect)['type'];

export interface LetterDeclaration {
  id: number;
  batchId: number;
  targetLevel: string | null;
  series: string | null;
  specialty: string | null;
  batchName: string;
  batchType: BatchType;
  receivingOffice: string | null;
}

/** Everything one letter is written from. */
export interface LetterSubject {
  employee: LetterEmployee;
  unit: LetterUnit | null;
  title: LetterTitle | null;
  declaration: LetterDeclaration | null;
}

const employeeColumns = {
  id: employees.id,
  unitId: employees.unitId,
  name: employees.name,
  idNumber: employees.idNumber,
  gender: employees.gender,
  birthDate: employees.birthDate,
  phone: employees.phone,
  department: employees.department,
  position: employees.position,
  hiredOn: employees.hiredOn,
  workStartedOn: employees.workStartedOn,
  specialty: employees.specialty,
};
const unitColumns = {
  id: units.id,
  name: units.name,
  creditCode: units.creditCode,
  region: units.region,
  address: units.address,
  contactName: units.contactName,
  contactPhone: units.contactPhone,
  sealPath: units.sealPath,
};
const declarationColumns = {
  id: declarations.id,
  employeeId: declarations.employeeId,
  batchId: declarations.batchId,
  targetLevel: declarations.targetLevel,
  series: declarations.series,
  specialty: declarations.specialty,
  batchName: batches.name,
  batchType: batches.type,
  receivingOffice: batches.receivingOffice,
};

const CHUNK = 500; // SQLite's bound-parameter limit is far above this

function chunked<T, R>(items: readonly T[], run: (part: T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...run(items.slice(i, i + CHUNK)));
  return out;
}

const levelRank = (level: string) => TITLE_LEVELS.indexOf(level as (typeof TITLE_LEVELS)[number]);

export function createLettersRepo(db: Db) {
  const unitsById = (ids: number[]) =>
    new Map(
      chunked(ids, (part) => db.select(unitColumns).from(units).where(inArray(units.id, part)).all()).map((u) => [
        u.id,
        u,
      ]),
    );

  const defaultUnit = () => db.select(unitColumns).from(units).where(eq(units.isDefault, true)).get() ?? null;

  /** Highest title per person (by level, then the latest obtained). */
  const highestTitles = (employeeIds: number[]) => {
    const best = new Map<number, LetterTitle>();
    const rows = chunked(employeeIds, (part) =>
      db
        .select({
          employeeId: titles.employeeId,
          series: titles.series,
          specialty: titles.specialty,
          level: titles.level,
          obtainedOn: titles.obtainedOn,
        })
        .from(titles)
        .where(inArray(titles.employeeId, part))
        .all(),
    );
    for (const { employeeId, ...title } of rows) {
      const current = best.get(employeeId);
      const better =
        !current ||
        levelRank(title.level) > levelRank(current.level) ||
        (title.level === current.level && title.obtainedOn > current.obtainedOn);
      if (better) best.set(employeeId, title);
    }
    return best;
  };

  const subjects = (
    rows: Array<{ employee: LetterEmployee; declaration: LetterDeclaration | null }>,
  ): LetterSubject[] => {
    const unitIds = [...new Set(rows.flatMap((r) => (r.employee.unitId === null ? [] : [r.employee.unitId])))];
    const unitMap = unitsById(unitIds);
    const fallback = rows.some((r) => r.employee.unitId === null || !unitMap.has(r.employee.unitId))
      ? defaultUnit()
      : null;
    const titleMap = highestTitles(rows.map((r) => r.employee.id));
    return rows.map(({ employee, declaration }) => ({
      employee,
      unit: (employee.unitId === null ? null : unitMap.get(employee.unitId)) ?? fallback,
      title: titleMap.get(employee.id) ?? null,
      declaration,
    }));
  };

  const toDeclaration = ({ employeeId: _e, ...d }: { employeeId: number } & LetterDeclaration) => d;

  return {
    /**
     * People by id, in the order given. Each comes with their latest declaration of a batch of type
     * `route` when there is one (null route: of any type; 'none': no declaration).
     */
    subjectsForPeople(employeeIds: readonly number[], route: BatchType | null | 'none'): LetterSubject[] {
      const ids = [...new Set(employeeIds)];
      const people = new Map(
        chunked(ids, (part) => db.select(employeeColumns).from(employees).where(inArray(employees.id, part)).all()).map(
          (e) => [e.id, e],
        ),
      );
      const latest = new Map<number, LetterDeclaration>();
      if (route !== 'none') {
        const rows = chunked(ids, (part) =>
          db
            .select(declarationColumns)
            .from(declarations)
            .innerJoin(batches, eq(batches.id, declarations.batchId))
            .where(and(inArray(declarations.employeeId, part), route === null ? undefined : eq(batches.type, route)))
            .orderBy(desc(declarations.id))
            .all(),
        );
        for (const row of rows) if (!latest.has(row.employeeId)) latest.set(row.employeeId, toDeclaration(row));
      }
      return subjects(
        ids.flatMap((id) => {
          const employee = people.get(id);
          return employee ? [{ employee, declaration: latest.get(id) ?? null }] : [];
        }),
      );
    },

    /** Declarations by id (or all of a batch), ordered by their 序号. */
    subjectsForDeclarations(filter: { ids: readonly number[] } | { batchId: number }): LetterSubject[] {
      const query = (where: ReturnType<typeof eq>) =>
        db
          .select({ ...declarationColumns, employee: employeeColumns })
          .from(declarations)
          .innerJoin(batches, eq(batches.id, declarations.batchId))
          .innerJoin(employees, eq(employees.id, declarations.employeeId))
          .where(where)
          .orderBy(declarations.batchId, declarations.seq, declarations.id)
          .all();
      const rows =
        'batchId' in filter
          ? query(eq(declarations.batchId, filter.batchId))
          : chunked([...new Set(filter.ids)], (part) => query(inArray(declarations.id, part)));
      return subjects(rows.map(({ employee, ...d }) => ({ employee, declaration: toDeclaration(d) })));
    },

    unit(id: number): LetterUnit | null {
      return db.select(unitColumns).from(units).where(eq(units.id, id)).get() ?? null;
    },

    setSeal(unitId: number, storedPath: string | null): void {
      db.update(units)
        .set({ sealPath: storedPath, updatedAt: new Date().toISOString() })
        .where(eq(units.id, unitId))
        .run();
    },

    /** The generated letters a new one of the same person, type and declaration replaces. */
    activeGenerated(employeeId: number, materialType: string, declarationId: number | null): number[] {
      return db
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            eq(documents.employeeId, employeeId),
            eq(documents.materialType, materialType),
            declarationId === null ? isNull(documents.declarationId) : eq(documents.declarationId, declarationId),
            eq(documents.source, '生成'),
            eq(documents.status, 'active'),
          ),
        )
        .all()
        .map((r) => r.id);
    },

    /** Active documents of a type stored at a library path (the unit's previous seal). */
    documentsAt(storedPath: string, materialType: string): number[] {
      return db
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            eq(documents.storedPath, storedPath),
            eq(documents.materialType, materialType),
            eq(documents.status, 'active'),
          ),
        )
        .all()
        .map((r) => r.id);
    },

    supersede(ids: readonly number[]): void {
      if (ids.length === 0) return;
      db.update(documents)
        .set({ status: 'superseded', updatedAt: new Date().toISOString() })
        .where(inArray(documents.id, [...ids]))
        .run();
    },
  };
}
export type LettersRepo = ReturnType<typeof createLettersRepo>;
