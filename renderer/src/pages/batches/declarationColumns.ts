/** A batch's declarations: who, for what, where they stand, and what is still missing. */
import { NIcon, NTag, NTooltip, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { DeclarationView } from '../../../../shared/batches/schemas';
import { TITLE_LEVELS } from '../../../../shared/domain/enums';
import { STATUS_ORDER, STATUS_TAG } from '../../ui/declarations';
import { AppIcon } from '../../ui/icons';
import { BUCKET_ORDER, BUCKET_SHORT, BUCKET_TAG } from '../../ui/eligibility';

const collator = new Intl.Collator('zh-CN');
const byText =
  (key: 'name' | 'department' | 'specialty' | 'returnReason') => (a: DeclarationView, b: DeclarationView) =>
    collator.compare(a[key] ?? '', b[key] ?? '');
const levelIndex = (d: DeclarationView) => (d.targetLevel ? TITLE_LEVELS.indexOf(d.targetLevel) : -1);

function materialsCell(d: DeclarationView) {
  if (d.complete)
    return h('span', { class: 'materials ok', 'data-testid': 'materials' }, [
      h(NIcon, null, () => h(AppIcon, { name: 'check' })),
      '齐全',
    ]);
  return h(
    NTooltip,
    { placement: 'left', style: { maxWidth: '360px' } },
    {
      trigger: () => h('span', { class: 'materials missing', 'data-testid': 'materials' }, `缺 ${d.missing.length} 项`),
      default: () =>
        h(
          'ul',
          { class: 'tip-list' },
          d.missing.map((m) => h('li', m)),
        ),
    },
  );
}

/** The person's standing on the rules: 受阻 shows its blockers, so nobody certifies a blocked person unawares. */
function eligibilityCell(d: DeclarationView) {
  const standing = d.eligibility;
  if (!standing) return h('span', { class: 'muted', 'data-testid': 'eligibility' }, '—');
  const tag = h(
    NTag,
    { size: 'small', bordered: false, type: BUCKET_TAG[standing.bucket], 'data-testid': 'eligibility' },
    () => BUCKET_SHORT[standing.bucket],
  );
  if (standing.blockers.length === 0) return tag;
  return h(
    NTooltip,
    { placement: 'left', style: { maxWidth: '360px' } },
    {
      trigger: () => tag,
      default: () =>
        h(
          'ul',
          { class: 'tip-list' },
          standing.blockers.map((b) => h('li', b)),
        ),
    },
  );
}
const bucketRank = (d: DeclarationView) => (d.eligibility ? BUCKET_ORDER[d.eligibility.bucket] : -1);

export const DECLARATION_COLUMNS: DataTableColumns<DeclarationView> = [
  { type: 'selection', fixed: 'left', width: 40 },
  {
    key: 'seq',
    title: '序号',
    width: 64,
    fixed: 'left',
    sorter: (a, b) => a.seq - b.seq,
    render: (d) => h('span', { class: 'num' }, d.seq),
  },
  { key: 'name', title: '姓名', width: 88, fixed: 'left', ellipsis: true, sorter: byText('name') },
  { key: 'department', title: '部门', width: 100, ellipsis: { tooltip: true }, sorter: byText('department') },
  {
    key: 'targetLevel',
    title: '申报级别',
    width: 100,
    sorter: (a, b) => levelIndex(a) - levelIndex(b),
    render: (d) => d.targetLevel ?? h('span', { class: 'muted' }, '未定'),
  },
  {
    key: 'specialty',
    title: '申报专业',
    minWidth: 170,
    ellipsis: { tooltip: true },
    sorter: byText('specialty'),
    render: (d) => d.specialty ?? h('span', { class: 'muted' }, '未定'),
  },
  {
    key: 'status',
    title: '状态',
    width: 92,
    sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.seq - b.seq,
    render: (d) =>
      h(NTag, { size: 'small', bordered: false, type: STATUS_TAG[d.status], 'data-testid': 'status' }, () => d.status),
  },
  {
    key: 'eligibility',
    title: '申报资格',
    width: 100,
    sorter: (a, b) => bucketRank(a) - bucketRank(b) || a.seq - b.seq,
    render: eligibilityCell,
  },
  {
    key: 'materials',
    title: '材料',
    width: 88,
    sorter: (a, b) => a.missing.length - b.missing.length || a.seq - b.seq,
    render: materialsCell,
  },
  {
    key: 'returnReason',
    title: '退回原因',
    minWidth: 160,
    ellipsis: { tooltip: { contentStyle: { maxWidth: '420px' } } },
    sorter: byText('returnReason'),
    // The server keeps a reason only while the declaration is 退回修改.
    render: (d) => h('span', { class: 'reason' }, d.returnReason ?? ''),
  },
];

/** Below this the table scrolls sideways instead of squeezing the columns. */
export const DECLARATION_TABLE_WIDTH = 1000;
