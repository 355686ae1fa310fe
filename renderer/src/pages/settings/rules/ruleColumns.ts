/**
 * The rule pack's tables. Numbers and switches edit the draft's rows in place; the sources and
 * grades are shown, not edited (they describe where a number came from, not the number).
 */
import { NInputNumber, NSwitch, NTag, NTooltip, type DataTableColumns } from 'naive-ui';
import { h, type VNodeChild } from 'vue';
import type { ChudingRule, PingshenRule, RulePack } from '../../../../../shared/eligibility/pack';
import { GRADES } from '../../../ui/eligibility';

type CeRule = RulePack['ceHours'][number];
type Sourced = { source: string; grade: keyof typeof GRADES; note?: string };

export const SCHEME_LABELS = { current: '现行', transitional: '过渡期' } as const;

/** A whole number in a small box; clearing it keeps the previous value. */
function years(
  value: number,
  set: (v: number) => void,
  testid: string,
  limits: { min: number; max: number },
  suffix = '年',
): VNodeChild {
  return h('span', { class: 'num' }, [
    h(NInputNumber, {
      value,
      size: 'small',
      min: limits.min,
      max: limits.max,
      precision: 0,
      showButton: false,
      class: 'num-input',
      inputProps: { 'data-testid': testid, 'aria-label': testid },
      'onUpdate:value': (v: number | null) => {
        if (v !== null) set(v);
      },
    }),
    h('span', { class: 'num-unit' }, suffix),
  ]);
}

const enabledColumn = <R extends { enabled: boolean; id: string }>(kind: string) => ({
  key: 'enabled',
  title: '启用',
  width: 64,
  render: (row: R) =>
    h(NSwitch, {
      value: row.enabled,
      size: 'small',
      'data-testid': `${kind}-enabled-${row.id}`,
      'onUpdate:value': (v: boolean) => (row.enabled = v),
    }),
});

const sourceColumns = <R extends Sourced>() => [
  {
    key: 'source',
    title: '来源',
    minWidth: 220,
    render: (row: R) =>
      h(
        NTooltip,
        { placement: 'top-start', style: { maxWidth: '460px' } },
        {
          trigger: () =>
            h('div', { class: 'source' }, [
              h('div', { class: 'source-text' }, row.source),
              row.note ? h('div', { class: 'source-note' }, `注：${row.note}`) : null,
            ]),
          default: () => [row.source, row.note ? h('div', { style: 'margin-top: 6px' }, `注：${row.note}`) : null],
        },
      ),
  },
  {
    key: 'grade',
    title: '可信度',
    width: 96,
    render: (row: R) =>
      h(
        NTag,
        { size: 'small', bordered: false, type: GRADES[row.grade].type, title: GRADES[row.grade].label },
        () => `${row.grade} ${GRADES[row.grade].short}`,
      ),
  },
];

export const CHUDING_COLUMNS: DataTableColumns<ChudingRule> = [
  {
    key: 'scheme',
    title: '方案',
    width: 72,
    render: (row) =>
      h(
        NTag,
        { size: 'small', bordered: false, type: row.scheme === 'current' ? 'primary' : 'default' },
        () => SCHEME_LABELS[row.scheme],
      ),
  },
  { key: 'educations', title: '学历', width: 130, render: (row) => row.educations.join('、') },
  {
    key: 'outcomes',
    title: '可初定级别（参加工作满）',
    width: 344,
    render: (row) =>
      h(
        'div',
        { class: 'outcomes' },
        row.outcomes.map((o, i) =>
          h('span', { class: 'outcome' }, [
            i > 0 ? h('span', { class: 'outcome-sep' }, '/') : null,
            h('span', { class: 'outcome-level' }, o.level),
            years(o.years, (v) => (o.years = v), `chuding-years-${row.id}-${i}`, { min: 0, max: 20 }),
          ]),
        ),
      ),
  },
  enabledColumn<ChudingRule>('chuding'),
  ...sourceColumns<ChudingRule>(),
];

export const PINGSHEN_COLUMNS: DataTableColumns<PingshenRule> = [
  {
    key: 'target',
    title: '晋升',
    width: 150,
    render: (row) => h('span', { class: 'nowrap' }, `${row.fromLevel} → ${row.target}`),
  },
  { key: 'educations', title: '学历', width: 220, render: (row) => row.educations.join('、') },
  {
    key: 'years',
    title: '现职称任职满',
    width: 130,
    render: (row) => years(row.years, (v) => (row.years = v), `pingshen-years-${row.id}`, { min: 0, max: 30 }),
  },
  enabledColumn<PingshenRule>('pingshen'),
  ...sourceColumns<PingshenRule>(),
];

/** 2021年及以前 / 2022年起: the entries sorted by year, each up to the next one's start. */
export function ceYearLabel(rules: readonly CeRule[], rule: CeRule): string {
  const later = rules.filter((r) => r.fromYear > rule.fromYear).map((r) => r.fromYear);
  const earliest = rules.every((r) => r.fromYear >= rule.fromYear);
  const until = later.length > 0 ? Math.min(...later) - 1 : null;
  if (rules.length === 1) return '每年';
  if (earliest && until !== null) return `${until}年及以前`;
  if (until === null) return `${rule.fromYear}年起`;
  return until === rule.fromYear ? `${rule.fromYear}年` : `${rule.fromYear}–${until}年`;
}

export function ceColumns(rules: () => readonly CeRule[]): DataTableColumns<CeRule> {
  return [
    { key: 'fromYear', title: '年度', width: 150, render: (row) => ceYearLabel(rules(), row) },
    {
      key: 'hours',
      title: '每年应修学时',
      width: 150,
      render: (row) =>
        years(row.hours, (v) => (row.hours = v), `ce-hours-${row.fromYear}`, { min: 0, max: 1000 }, '学时'),
    },
    ...sourceColumns<CeRule>(),
  ];
}
