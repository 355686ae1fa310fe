import { asc, eq, sql } from 'drizzle-orm';
import { EDUCATION_LEVELS, TITLE_LEVELS } from '../../shared/domain/enums';
import { isPinyinTerm, matchesPinyin } from '../../shared/search/pinyin';
import type { Person, PersonDetail, PersonFields, PersonRow } from '../../shared/domain/schemas';
import type { Db } from '../open';
import { assessments, continuingEducation, educations, employees, titles, units, workHistory } from '../schema';

export interface PeopleFilter {
  search?: string;
  unitId?: number;
  department?: string;
  category?: string;
}

/** A stored person's own fields plus what the ID number gives. */
export type PersonRecord = PersonFields & { gender: '男' | '女'; birthDate: string };

const rank = (column: string, values: readonly string[]) =>
  `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;

// Highest education and title per person, ranked by the order of the enums.
const LIST_SQL = `
SELECT p.id, p.name, p.id_number AS idNumber, p.gender, p.birth_date AS birthDate, p.unit_id AS unitId,
       p.phone, p.employee_no AS employeeNo, p.department, p.position, p.hired_on AS hiredOn, p.category,
       u.name AS unitName,
       (SELECT e.level FROM educations e WHERE e.employee_id = p.id
         ORDER BY ${rank('e.level', EDUCATION_LEVELS)} DESC LIMIT 1) AS educationLevel,
       (SELECT t.level FROM titles t WHERE t.employee_id = p.id
         ORDER BY ${rank('t.level', TITLE_LEVELS)} DESC LIMIT 1) AS titleLevel
FROM employees p LEFT JOIN units u ON u.id = p.unit_id
WHERE (@search IS NULL OR p.name LIKE @search ESCAPE '\\' OR p.id_number LIKE @search ESCAPE '\\'
       OR p.department LIKE @search ESCAPE '\\' OR p.employee_no LIKE @search ESCAPE '\\'
       OR p.phone LIKE @search ESCAPE '\\')
  AND (@unitId IS NULL OR p.unit_id = @unitId)
  AND (@department IS NULL OR p.department = @department)
  AND (@category IS NULL OR p.category = @category)
ORDER BY p.department IS NULL, p.department, p.name, p.id`;

const PERSON_COLUMNS = [
  'unitId',
  'name',
  'idNumber',
  'gender',
  'birthDate',
  'phone',
  'employeeNo',
  'department',
  'position',
  'hiredOn',
  'workStartedOn',
  'category',
  'specialty',
  'email',
  'politicalStatus',
  'notes',
] as const satisfies ReadonlyArray<keyof PersonRecord>;

export function createPeopleRepo(db: Db) {
  const sqlite = db.$client;
  const listStatement = sqlite.prepare(LIST_SQL);
  // Prepared once: a roster import inserts thousands of rows in one transaction.
  const insertStatement = db
    .insert(employees)
    .values(Object.fromEntries(PERSON_COLUMNS.map((c) => [c, sql.placeholder(c)])) as never)
    .returning({ id: employees.id })
    .prepare();

  const repo = {
    list(filter: PeopleFilter = {}): PersonRow[] {
      const search = filter.search ? `%${filter.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
      const others = {
        unitId: filter.unitId ?? null,
        department: filter.department ?? null,
        category: filter.category ?? null,
      };
      const rows = listStatement.all({ search, ...others }) as PersonRow[];
      if (!filter.search || !isPinyinTerm(filter.search)) return rows;
      // Latin letters may be a name's pinyin or initials (liuyang, ly → 刘洋): those join the text matches.
      const found = new Set(rows.map((r) => r.id));
      return (listStatement.all({ search: null, ...others }) as PersonRow[]).filter(
        (r) => found.has(r.id) || matchesPinyin(r.name, filter.search!),
      );
    },
    count(): number {
      return db
        .select({ n: sql<number>`count(*)` })
        .from(employees)
        .get()!.n;
    },
    departments(): string[] {
      return db
        .selectDistinct({ d: employees.department })
        .from(employees)
        .where(sql`${employees.department} IS NOT NULL`)
        .orderBy(employees.department)
        .all()
        .map((r) => r.d!);
    },
    get(id: number): Person | null {
      return (db.select().from(employees).where(eq(employees.id, id)).get() as Person | undefined) ?? null;
    },
    idOf(idNumber: string): number | null {
      return db.select({ id: employees.id }).from(employees).where(eq(employees.idNumber, idNumber)).get()?.id ?? null;
    },
    detail(id: number): PersonDetail | null {
      const person = repo.get(id);
      if (!person) return null;
      const strip = <T extends { createdAt: string; updatedAt: string }>({ createdAt, updatedAt, ...rest }: T) => rest;
      return {
        person,
        educations: db
          .select()
          .from(educations)
          .where(eq(educations.employeeId, id))
          .orderBy(asc(educations.graduatedOn))
          .all()
          .map(strip),
        work: db
          .select()
          .from(workHistory)
          .where(eq(workHistory.employeeId, id))
          .orderBy(asc(workHistory.startOn))
          .all()
          .map(strip),
        titles: db
          .select()
          .from(titles)
          .where(eq(titles.employeeId, id))
          .orderBy(asc(titles.obtainedOn))
          .all()
          .map(strip),
        assessments: db
          .select()
          .from(assessments)
          .where(eq(assessments.employeeId, id))
          .orderBy(asc(assessments.year))
          .all()
          .map(strip),
        ce: db
          .select()
          .from(continuingEducation)
          .where(eq(continuingEducation.employeeId, id))
          .orderBy(asc(continuingEducation.year))
          .all()
          .map(strip),
      };
    },
    /** Every stored person by ID number: what a roster import compares against. */
    allByIdNumber(): Map<string, PersonRecord & { id: number }> {
      const rows = db.select().from(employees).all();
      return new Map(rows.map((row) => [row.idNumber, row as PersonRecord & { id: number }]));
    },
    insert(fields: PersonRecord): number {
      const params = Object.fromEntries(PERSON_COLUMNS.map((c) => [c, fields[c] ?? null]));
      return (insertStatement.get(params) as { id: number }).id;
    },
    update(id: number, fields: Partial<PersonRecord>): void {
      db.update(employees)
        .set({ ...fields, updatedAt: new Date().toISOString() })
        .where(eq(employees.id, id))
        .run();
    },
    /** With their documents' text: the FTS5 table takes no foreign key to cascade through. */
    delete(id: number): boolean {
      sqlite
        .prepare('DELETE FROM document_text WHERE rowid IN (SELECT id FROM documents WHERE employee_id = ?)')
        .run(id);
      return db.delete(employees).where(eq(employees.id, id)).run().changes > 0;
    },
    unitNames(): Map<number, string> {
      return new Map(
        db
          .select({ id: units.id, name: units.name })
          .from(units)
          .all()
          .map((u) => [u.id, u.name]),
      );
    },
  };
  return repo;
}
export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
