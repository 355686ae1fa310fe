/** Everyone's records as the eligibility engine reads them, in six queries rather than six per person. */
import type { EligibilityPerson } from '../../shared/eligibility/person';
import type { Db } from '../open';
import { and, eq, isNotNull, notInArray } from 'drizzle-orm';
import {
  assessments,
  batches,
  continuingEducation,
  declarations,
  documents,
  educations,
  employees,
  titles,
} from '../schema';

export interface EligibilitySubject {
  id: number;
  name: string;
  department: string | null;
  person: EligibilityPerson;
}

function groupBy<T extends { employeeId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.employeeId);
    if (group) group.push(row);
    else groups.set(row.employeeId, [row]);
  }
  return groups;
}

export function createEligibilityRepo(db: Db) {
  return {
    /** Declarations still under way (not 已通过 or 已领证), with their batch and person. */
    openDeclarations(): Array<{
      declarationId: number;
      personId: number;
      name: string;
      batchId: number;
      batchName: string;
      deadline: string | null;
      status: string;
      returnReason: string | null;
    }> {
      return db
        .select({
          declarationId: declarations.id,
          personId: employees.id,
          name: employees.name,
          batchId: batches.id,
          batchName: batches.name,
          deadline: batches.deadline,
          status: declarations.status,
          returnReason: declarations.returnReason,
        })
        .from(declarations)
        .innerJoin(employees, eq(declarations.employeeId, employees.id))
        .innerJoin(batches, eq(declarations.batchId, batches.id))
        .where(notInArray(declarations.status, ['已通过', '已领证']))
        .all();
    },
    /** Each person's 学信网备案表 with a valid-until date. */
    recordValidity(): Array<{ personId: number; name: string; validUntil: string }> {
      return db
        .select({ personId: employees.id, name: employees.name, validUntil: documents.validUntil })
        .from(documents)
        .innerJoin(employees, eq(documents.employeeId, employees.id))
        .where(
          and(
            eq(documents.materialType, '学信网备案表'),
            eq(documents.status, 'active'),
            isNotNull(documents.validUntil),
          ),
        )
        .all() as Array<{ personId: number; name: string; validUntil: string }>;
    },
    /** `series` is the person's current title's series, or the pack's when they have none. */
    subjects(defaultSeries: string): EligibilitySubject[] {
      const edu = groupBy(db.select().from(educations).all());
      const tit = groupBy(db.select().from(titles).orderBy(titles.obtainedOn).all());
      const ass = groupBy(db.select().from(assessments).all());
      const ce = groupBy(db.select().from(continuingEducation).all());
      // A practice licence is on record when its certificate is in the person's materials.
      const licences = groupBy(
        db
          .select({ employeeId: documents.employeeId, id: documents.id, fileName: documents.fileName })
          .from(documents)
          .where(and(eq(documents.materialType, '执业资格证书'), eq(documents.status, 'active')))
          .all()
          .filter((d): d is { employeeId: number; id: number; fileName: string } => d.employeeId !== null),
      );
      return db
        .select({
          id: employees.id,
          name: employees.name,
          idNumber: employees.idNumber,
          department: employees.department,
          workStartedOn: employees.workStartedOn,
        })
        .from(employees)
        .all()
        .map((p) => {
          const held = tit.get(p.id) ?? [];
          return {
            id: p.id,
            name: p.name,
            department: p.department,
            person: {
              name: p.name,
              idNumber: p.idNumber,
              workStartedOn: p.workStartedOn,
              educations: (edu.get(p.id) ?? []).map((e) => ({
                level: e.level,
                degree: e.degree,
                graduatedOn: e.graduatedOn,
                majorMatches: e.majorMatches,
              })),
              titles: held.map((t) => ({ level: t.level, obtainedOn: t.obtainedOn, via: t.via })),
              assessments: (ass.get(p.id) ?? []).map((a) => ({ year: a.year, result: a.result })),
              continuingEducation: (ce.get(p.id) ?? []).map((c) => ({ year: c.year, hours: c.hours })),
              series: held.at(-1)?.series ?? defaultSeries,
              licences: (licences.get(p.id) ?? []).map((d) => ({ document: d.id, file: d.fileName })),
            },
          };
        });
    },
  };
}
