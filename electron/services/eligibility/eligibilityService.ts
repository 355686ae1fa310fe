/** Eligibility over the workspace: its people, evaluated with the workspace's editable rule pack. */
import { notFound } from '../../../shared/api/errors';
import { evaluateAll } from '../../../shared/eligibility/batch';
import { countBuckets, dashboardRows, type Bucket, type DashboardRow } from '../../../shared/eligibility/dashboard';
import { DEFAULT_PACK } from '../../../shared/eligibility/defaultPack';
import { evaluate } from '../../../shared/eligibility/engine';
import { explainStep } from '../../../shared/eligibility/explain';
import { RulePack } from '../../../shared/eligibility/pack';
import { computeReminders, type Reminder } from '../../../shared/eligibility/reminders';
import type { EmitEvent } from '../events';
import type { TitleLevel } from '../../../shared/domain/enums';
import { todayIso } from '../../../shared/validation/dates';
import type { Repos } from '../../../db';
import { eligibilityWorkbook } from './eligibilityWorkbook';

const PACK_KEY = 'eligibility.pack';
const DISMISSED_KEY = 'reminders.dismissed';
const NOTIFIED_KEY = 'reminders.notified';

export interface DashboardFilter {
  buckets?: Bucket[];
  department?: string;
  level?: TitleLevel;
}

/** The workspace's rule pack (edited in 设置 › 申报规则), or the default. */
export function workspacePack(repos: Repos): RulePack {
  const stored = RulePack.safeParse(repos.settings.get(PACK_KEY));
  // A copy: the default is shared by the whole process and callers may edit what they get.
  return stored.success ? stored.data : structuredClone(DEFAULT_PACK);
}

export function createEligibilityService(repos: Repos, emit: EmitEvent) {
  const keys = (key: string) => new Set((repos.settings.get(key) as string[] | undefined) ?? []);

  const pack = () => workspacePack(repos);

  function dashboard(asOf: string = todayIso()) {
    const current = pack();
    const subjects = repos.eligibility.subjects(current.series);
    const rows = dashboardRows(
      subjects.map((s) => ({
        personId: s.id,
        name: s.name,
        idNumber: s.person.idNumber,
        department: s.department,
        result: evaluate(s.person, current, asOf),
      })),
      current,
      asOf,
    );
    return {
      asOf,
      pack: { id: current.id, name: current.name, version: current.version },
      counts: countBuckets(rows),
      rows,
    };
  }

  /** The reminders HR has not dismissed. */
  function reminders(asOf: string = todayIso()): Reminder[] {
    const { rows } = dashboard(asOf);
    const dismissed = keys(DISMISSED_KEY);
    return computeReminders(
      rows,
      repos.eligibility.openDeclarations(),
      repos.eligibility.recordValidity(),
      pack(),
      asOf,
    ).filter((r) => !dismissed.has(r.key));
  }

  const matches = (row: DashboardRow, filter: DashboardFilter) =>
    (!filter.buckets || filter.buckets.includes(row.bucket)) &&
    (!filter.department || row.department === filter.department) &&
    (!filter.level || row.next?.level === filter.level);

  return {
    pack,
    dashboard,

    person(id: number, asOf: string = todayIso()) {
      const current = pack();
      const subject = repos.eligibility.subjects(current.series).find((s) => s.id === id);
      if (!subject) throw notFound('该人员');
      const result = evaluate(subject.person, current, asOf);
      const [row] = dashboardRows(
        [
          {
            personId: id,
            name: subject.name,
            idNumber: subject.person.idNumber,
            department: subject.department,
            result,
          },
        ],
        current,
        asOf,
      );
      return {
        asOf,
        row: row!,
        explanation: [
          ...explainStep(result.next, current, '下一步'),
          ...(result.then ? explainStep(result.then, current, '再下一步') : []),
        ],
      };
    },

    async export(filter: DashboardFilter & { asOf?: string }): Promise<Uint8Array> {
      const { asOf, rows } = dashboard(filter.asOf);
      return eligibilityWorkbook(
        rows.filter((row) => matches(row, filter)),
        asOf,
      );
    },

    savePack(next: RulePack): RulePack {
      repos.transaction(() => {
        repos.settings.set(PACK_KEY, next);
        repos.audit.record({ action: '修改申报规则', entity: 'settings', detail: `${next.name} ${next.version}` });
      });
      emit('reminders.changed', {});
      return pack();
    },

    resetPack(): RulePack {
      repos.transaction(() => {
        repos.settings.delete(PACK_KEY);
        repos.audit.record({ action: '恢复默认申报规则', entity: 'settings' });
      });
      emit('reminders.changed', {});
      return pack();
    },

    reminders,

    dismissReminder(key: string): void {
      repos.settings.set(DISMISSED_KEY, [...keys(DISMISSED_KEY), key]);
      emit('reminders.changed', {});
    },

    /** Announces reminders not announced before; the Electron shell turns them into desktop notifications. */
    announceReminders(asOf: string = todayIso()): Reminder[] {
      const notified = keys(NOTIFIED_KEY);
      const fresh = reminders(asOf).filter((r) => !notified.has(r.key));
      if (fresh.length === 0) return fresh;
      repos.settings.set(NOTIFIED_KEY, [...notified, ...fresh.map((r) => r.key)]);
      emit('reminders.new', { reminders: fresh });
      emit('reminders.changed', {});
      return fresh;
    },

    evaluateWorkspace(asOf: string) {
      const current = pack();
      return evaluateAll(
        repos.eligibility.subjects(current.series).map((s) => s.person),
        current,
        asOf,
      );
    },
  };
}
export type EligibilityService = ReturnType<typeof createEligibilityService>;
