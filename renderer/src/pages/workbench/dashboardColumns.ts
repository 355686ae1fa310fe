/** The eligibility list's columns: who, what they can apply for, from when, and what is in the way. */
import { NTag, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { DashboardRow } from '../../../../shared/eligibility/dashboard';
import { BUCKET_ORDER, BUCKET_SHORT, BUCKET_TAG, blockerText, stepTarget, windowText } from '../../ui/eligibility';

const collator = new Intl.Collator('zh-CN');
const dateOf = (row: DashboardRow) => row.next?.eligibleOn ?? '9999';

export const DASHBOARD_COLUMNS: DataTableColumns<DashboardRow> = [
  // Ticked rows can be added to a batch; someone at the top level has nothing to apply for.
  { type: 'selection', fixed: 'left', width: 40, disabled: (row) => row.next === null },
  {
    key: 'name',
    title: '姓名',
    width: 88,
    fixed: 'left',
    ellipsis: true,
    sorter: (a, b) => collator.compare(a.name, b.name),
  },
  {
    key: 'department',
    title: '部门',
    width: 96,
    ellipsis: true,
    sorter: (a, b) => collator.compare(a.department ?? '', b.department ?? ''),
  },
  {
    key: 'bucket',
    title: '状态',
    width: 92,
    sorter: (a, b) => BUCKET_ORDER[a.bucket] - BUCKET_ORDER[b.bucket] || dateOf(a).localeCompare(dateOf(b)),
    render: (row) =>
      h(NTag, { size: 'small', bordered: false, type: BUCKET_TAG[row.bucket] }, () => BUCKET_SHORT[row.bucket]),
  },
  { key: 'route', title: '申报方式', width: 72, render: (row) => row.next?.route ?? '—' },
  { key: 'level', title: '申报级别', width: 72, render: (row) => row.next?.level ?? '—' },
  {
    key: 'eligibleOn',
    title: '最早可申报日期',
    width: 144,
    sorter: (a, b) => dateOf(a).localeCompare(dateOf(b)),
    render: (row) => h('span', { class: 'num' }, row.next?.eligibleOn ?? '—'),
  },
  {
    key: 'window',
    title: '受理窗口',
    width: 160,
    render: (row) => h('span', { class: 'nowrap num' }, windowText(row.window) || '—'),
  },
  {
    key: 'blockers',
    title: '受阻原因',
    minWidth: 180,
    ellipsis: { tooltip: { contentStyle: { maxWidth: '420px' } } },
    render: (row) => h('span', { class: 'blockers' }, blockerText(row.next)),
  },
  {
    key: 'then',
    title: '再下一步',
    width: 180,
    ellipsis: true,
    render: (row) =>
      row.then
        ? h('span', { class: 'nowrap' }, [
            stepTarget(row.then),
            ' ',
            h('span', { class: 'num muted' }, row.then.eligibleOn ?? ''),
          ])
        : '—',
  },
];

/** Below this the table scrolls sideways instead of squeezing the columns. */
export const DASHBOARD_TABLE_WIDTH = 1124;
