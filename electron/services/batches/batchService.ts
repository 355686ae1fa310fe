/** Batches, their declarations, each declaration's checklist and status. */
import { AppError, notFound } from '../../../shared/api/errors';
import {
  computeChecklist,
  DEFAULT_CHECKLIST_RULES,
  type Checklist,
  type ChecklistRules,
} from '../../../shared/batches/checklist';
import type { Batch, DeclarationDetail, DeclarationView } from '../../../shared/batches/schemas';
import { transitionProblem } from '../../../shared/batches/statuses';
import { TITLE_LEVELS, type DeclarationStatus, type TitleLevel } from '../../../shared/domain/enums';
import { qualifyingYears } from '../../../shared/eligibility/engine';
import { todayIso } from '../../../shared/validation/dates';
import { JIANGSU_REGIONS } from '../../../shared/domain/regions';
import { DEFAULT_SPECIALTIES, type SpecialtyNode } from '../../../shared/domain/specialties';
import type { BatchFields, BatchRow, DeclarationRow, Repos } from '../../../db';
import type { EmitEvent } from '../events';

const RULES_KEY = 'checklist.rules';
const SPECIALTIES_KEY = 'catalogue.specialties';

export function createBatchService(repos: Repos, emit: EmitEvent, actor: string) {
  function rules(): ChecklistRules {
    return {
      ...DEFAULT_CHECKLIST_RULES,
      ...((repos.settings.get(RULES_KEY) as Partial<ChecklistRules> | undefined) ?? {}),
    };
  }

  function batchOrThrow(id: number): BatchRow {
    const batch = repos.batches.get(id);
    if (!batch) throw notFound('该申报批次');
    return batch;
  }

  function withCounts(batch: BatchRow, counts = repos.batches.statusCounts()): Batch {
    const mine = counts.filter((c) => c.batchId === batch.id);
    return {
      ...batch,
      total: mine.reduce((n, c) => n + c.n, 0),
      byStatus: Object.fromEntries(mine.map((c) => [c.status, c.n])),
    };
  }

  /** The checklist of one declaration, from the person's records and documents as they are now. */
  function checklistOf(declaration: DeclarationRow, batch: BatchRow): Checklist {
    const detail = repos.people.detail(declaration.employeeId)!;
    const current = [...detail.titles].sort((a, b) => TITLE_LEVELS.indexOf(b.level) - TITLE_LEVELS.indexOf(a.level))[0];
    const start = batch.type === '评审' ? current?.obtainedOn : detail.person.workStartedOn;
    const end = Number((batch.deadline ?? todayIso()).slice(0, 4));
    return computeChecklist(
      {
        type: batch.type,
        region: batch.region,
        category: detail.person.category,
        series: declaration.series,
        educations: detail.educations,
        qualifyingYears: start ? qualifyingYears(Number(start.slice(0, 4)), end) : [],
        summary: declaration.summary,
        deadline: batch.deadline,
      },
      repos.documents.forPerson(declaration.employeeId),
      rules(),
    );
  }

  function views(batch: BatchRow): DeclarationView[] {
    return repos.batches.declarations(batch.id).map((row) => {
      const checklist = checklistOf(repos.batches.declaration(row.id)!, batch);
      return { ...row, complete: checklist.complete, missing: checklist.missing };
    });
  }

  function declarationOrThrow(id: number): DeclarationRow {
    const declaration = repos.batches.declaration(id);
    if (!declaration) throw notFound('该申报');
    return declaration;
  }

  function declarationDetail(id: number): DeclarationDetail {
    const declaration = declarationOrThrow(id);
    const batch = batchOrThrow(declaration.batchId);
    const row = repos.batches.declarations(batch.id).find((d) => d.id === id)!;
    const checklist = checklistOf(declaration, batch);
    return {
      declaration: {
        ...row,
        batchId: batch.id,
        type: batch.type,
        summary: declaration.summary,
        complete: checklist.complete,
        missing: checklist.missing,
      },
      checklist,
      history: repos.batches.history(id),
    };
  }

  return {
    rules,
    saveRules(next: ChecklistRules): ChecklistRules {
      repos.settings.set(RULES_KEY, next);
      return rules();
    },
    catalogue() {
      const specialties = (repos.settings.get(SPECIALTIES_KEY) as SpecialtyNode[] | undefined) ?? DEFAULT_SPECIALTIES;
      return { regions: JIANGSU_REGIONS, specialties };
    },
    saveSpecialties(tree: SpecialtyNode[]): SpecialtyNode[] {
      repos.settings.set(SPECIALTIES_KEY, tree);
      return tree;
    },
    checklistOf,
    declaration: declarationDetail,

    list(): Batch[] {
      const counts = repos.batches.statusCounts();
      return repos.batches.list().map((b) => withCounts(b, counts));
    },

    get(id: number): { batch: Batch; declarations: DeclarationView[] } {
      const batch = batchOrThrow(id);
      return { batch: withCounts(batch), declarations: views(batch) };
    },

    save(input: BatchFields & { id?: number }): Batch {
      const { id, ...fields } = input;
      const saved = repos.transaction(() => {
        const row = id === undefined ? repos.batches.insert(fields) : repos.batches.update(id, fields);
        if (!row) throw notFound('该申报批次');
        repos.audit.record({
          action: id === undefined ? '新建申报批次' : '修改申报批次',
          entity: 'batches',
          entityId: row.id,
          detail: row.name,
        });
        return row;
      });
      return withCounts(saved);
    },

    delete(id: number): void {
      const batch = batchOrThrow(id);
      repos.transaction(() => {
        repos.batches.delete(id);
        repos.audit.record({ action: '删除申报批次', entity: 'batches', entityId: id, detail: batch.name });
      });
    },

    /** Adds people to a batch; people already in it are skipped with the reason. */
    addPeople(
      batchId: number,
      people: ReadonlyArray<{ personId: number; targetLevel?: TitleLevel | null; specialty?: string | null }>,
    ) {
      const batch = batchOrThrow(batchId);
      const skipped: Array<{ personId: number; reason: string }> = [];
      let added = 0;
      repos.transaction(() => {
        for (const p of people) {
          const person = repos.people.get(p.personId);
          if (!person) {
            skipped.push({ personId: p.personId, reason: '该人员不存在' });
            continue;
          }
          if (repos.batches.findDeclaration(batchId, p.personId)) {
            skipped.push({ personId: p.personId, reason: `${person.name}已在本批次中` });
            continue;
          }
          const specialty = p.specialty ?? null;
          repos.batches.addDeclaration(
            {
              batchId,
              employeeId: p.personId,
              targetLevel: p.targetLevel ?? null,
              series: specialty?.split('/')[0] ?? null,
              specialty,
            },
            actor,
          );
          added++;
        }
        repos.audit.record({
          action: '加入申报批次',
          entity: 'batches',
          entityId: batchId,
          detail: `${batch.name}：加入${added}人`,
        });
      });
      if (added > 0) emit('reminders.changed', {});
      return { added, skipped };
    },

    update(
      id: number,
      fields: { targetLevel: TitleLevel | null; specialty: string | null; summary: string | null },
    ): DeclarationDetail {
      declarationOrThrow(id);
      repos.batches.updateDeclaration(id, { ...fields, series: fields.specialty?.split('/')[0] ?? null });
      return declarationDetail(id);
    },

    /** Moves declarations to a status; each one that cannot move is listed with why, the others move. */
    setStatus(ids: readonly number[], to: DeclarationStatus, reason: string | null) {
      const refused: Array<{ id: number; message: string }> = [];
      let changed = 0;
      repos.transaction(() => {
        for (const id of ids) {
          const declaration = repos.batches.declaration(id);
          if (!declaration) {
            refused.push({ id, message: '该申报不存在' });
            continue;
          }
          const problem = transitionProblem(declaration.status, to, reason);
          if (problem) {
            refused.push({ id, message: problem });
            continue;
          }
          repos.batches.setStatus(id, declaration.status, to, reason?.trim() || null, actor);
          changed++;
        }
        if (changed > 0)
          repos.audit.record({ action: `申报状态改为${to}`, entity: 'declarations', detail: `${changed}份` });
      });
      if (ids.length === 1 && refused.length === 1) throw new AppError('REFUSED', refused[0]!.message);
      return { changed, refused };
    },

    remove(id: number): void {
      declarationOrThrow(id);
      repos.batches.removeDeclaration(id);
    },
  };
}
export type BatchService = ReturnType<typeof createBatchService>;
