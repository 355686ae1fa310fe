/** Batches, their declarations, each declaration's checklist and status. */
import { AppError, notFound } from '../../../shared/api/errors';
import {
  computeChecklist,
  DEFAULT_CHECKLIST_RULES,
  type Checklist,
  type ChecklistRules,
} from '../../../shared/batches/checklist';
import type { Batch, DeclarationDetail, DeclarationView } from '../../../shared/batches/schemas';
import { overrideNote, transitionProblem, unmetFacts } from '../../../shared/batches/statuses';
import { TITLE_LEVELS, type DeclarationStatus, type TitleLevel } from '../../../shared/domain/enums';
import { qualifyingYears } from '../../../shared/eligibility/engine';
import { todayIso } from '../../../shared/validation/dates';
import { JIANGSU_REGIONS } from '../../../shared/domain/regions';
import { DEFAULT_SPECIALTIES, type SpecialtyNode } from '../../../shared/domain/specialties';
import type { BatchFields, BatchRow, DeclarationRow, Repos } from '../../../db';
import type { EmitEvent } from '../events';
import { standings, type Standing } from '../eligibility/standing';

const RULES_KEY = 'checklist.rules';
/** The audit action that marks a declaration's kit as exported. */
export const KIT_EXPORTED = '导出上传材料包';
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

  /** Eligibility matters to 初定 and 评审; 历史登记 and 补办 record titles already held. */
  const careerBatch = (batch: BatchRow) => batch.type === '初定' || batch.type === '评审';
  const exportedAmong = (ids: readonly number[]) => repos.audit.entitiesWith('declarations', KIT_EXPORTED, ids);

  function views(batch: BatchRow): DeclarationView[] {
    const rows = repos.batches.declarations(batch.id);
    const exported = exportedAmong(rows.map((r) => r.id));
    const standing = careerBatch(batch) ? standings(repos) : new Map<number, Standing>();
    return rows.map((row) => {
      const checklist = checklistOf(repos.batches.declaration(row.id)!, batch);
      return {
        ...row,
        complete: checklist.complete,
        missing: checklist.missing,
        kitExported: exported.has(row.id),
        eligibility: standing.get(row.personId) ?? null,
      };
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
        kitExported: exportedAmong([id]).has(id),
        eligibility: careerBatch(batch) ? (standings(repos).get(declaration.employeeId) ?? null) : null,
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
      const skippedIds = new Set(skipped.map((s) => s.personId));
      const standing = careerBatch(batch) && added > 0 ? standings(repos) : new Map<number, Standing>();
      const blocked = people
        .filter((p) => !skippedIds.has(p.personId) && standing.get(p.personId)?.bucket === 'blocked')
        .map((p) => ({
          personId: p.personId,
          name: repos.people.get(p.personId)!.name,
          blockers: standing.get(p.personId)!.blockers,
        }));
      return { added, skipped, blocked };
    },

    update(
      id: number,
      fields: { targetLevel: TitleLevel | null; specialty: string | null; summary: string | null },
    ): DeclarationDetail {
      declarationOrThrow(id);
      repos.batches.updateDeclaration(id, { ...fields, series: fields.specialty?.split('/')[0] ?? null });
      return declarationDetail(id);
    },

    /**
     * Moves declarations to a status; each one that cannot move is listed with why, the others move.
     * A status the checklist or the record contradicts (材料齐全 with items missing, 已导出 with no
     * kit) is refused with what is missing, unless `force` comes with a reason, which the history keeps.
     */
    setStatus(ids: readonly number[], to: DeclarationStatus, reason: string | null, force = false) {
      const refused: Array<{ id: number; message: string; missing?: string[] }> = [];
      const why = reason?.trim() || null;
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
          const unmet = unmetFacts(to, {
            missing: checklistOf(declaration, batchOrThrow(declaration.batchId)).missing,
            kitExported: exportedAmong([id]).has(id),
          });
          if (unmet.length > 0 && !(force && why)) {
            refused.push({
              id,
              message: `不能改为“${to}”：${unmet.slice(0, 3).join('；')}${unmet.length > 3 ? ` 等${unmet.length}项` : ''}${force ? '。越过检查须填写理由' : ''}`,
              missing: unmet,
            });
            continue;
          }
          const note = unmet.length > 0 ? overrideNote(unmet, why!) : why;
          repos.batches.setStatus(id, declaration.status, to, note, actor);
          changed++;
        }
        if (changed > 0)
          repos.audit.record({ action: `申报状态改为${to}`, entity: 'declarations', detail: `${changed}份` });
      });
      // A 退回修改 (or its end) is a reminder.
      if (changed > 0) emit('reminders.changed', {});
      if (ids.length === 1 && refused.length === 1) {
        const only = refused[0]!;
        if (only.missing) throw new AppError('CHECKLIST_INCOMPLETE', only.message, { missing: only.missing });
        throw new AppError('REFUSED', only.message);
      }
      return { changed, refused };
    },

    remove(id: number): void {
      declarationOrThrow(id);
      repos.batches.removeDeclaration(id);
    },
  };
}
export type BatchService = ReturnType<typeof createBatchService>;
