/** The batch list's columns: what, where, by when, and how far along. */
import { NButton, NProgress, NTag, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { Batch } from '../../../../shared/batches/schemas';
import { DECLARATION_STATUSES } from '../../../../shared/domain/enums';
import { todayIso } from '../../../../shared/validation/dates';
import { STATUS_TAG, shortRegion, windowRange } from '../../ui/declarations';

const collator = new Intl.Collator('zh-CN');
const DAY_MS = 86_400_000;

export interface BatchActions {
  /** Declarations whose checklist is complete, by batch; absent while still counting. */
  complete: ReadonlyMap<number, number>;
  edit(batch: Batch): void;
  remove(batch: Batch): void;
}

function deadlineCell(deadline: string | null) {
  if (!deadline) return h('span', { class: 'muted' }, '截止日期未定');
  const days = Math.round((Date.parse(deadline) - Date.parse(todayIso())) / DAY_MS);
  const note = days < 0 ? '已截止' : days === 0 ? '今天截止' : `还有${days}天`;
  const tone = days < 0 ? 'muted' : days <= 7 ? 'urgent' : 'muted';
  return h('span', { class: 'nowrap' }, [h('span', { class: 'num' }, deadline), ' ', h('span', { class: tone }, note)]);
}

function progressCell(batch: Batch, complete: number | undefined) {
  if (batch.total === 0) return h('span', { class: 'muted' }, '还没有人员');
  const percent = complete === undefined ? 0 : Math.round((complete / batch.total) * 100);
  return h('div', { class: 'progress', 'data-testid': 'batch-progress' }, [
    h('span', { class: 'num nowrap' }, `齐全 ${complete ?? '…'} / 共 ${batch.total}`),
    h(NProgress, {
      type: 'line',
      percentage: percent,
      showIndicator: false,
      height: 6,
      status: percent === 100 ? 'success' : 'default',
    }),
  ]);
}

const stop = (action: () => void) => (event: MouseEvent) => {
  event.stopPropagation();
  action();
};

const statusCell = (batch: Batch) =>
  h(
    'div',
    { class: 'statuses' },
    DECLARATION_STATUSES.filter((s) => batch.byStatus[s]).map((s) =>
      h(NTag, { size: 'small', bordered: false, type: STATUS_TAG[s] }, () => `${s} ${batch.byStatus[s]}`),
    ),
  );

export function batchColumns(actions: BatchActions): DataTableColumns<Batch> {
  return [
    {
      key: 'name',
      title: '批次名称',
      minWidth: 180,
      ellipsis: { tooltip: true },
      sorter: (a, b) => collator.compare(a.name, b.name),
      render: (b) => h('span', { class: 'batch-name' }, b.name),
    },
    {
      key: 'type',
      title: '申报类型',
      width: 112,
      render: (b) => h(NTag, { size: 'small', bordered: false }, () => b.type),
    },
    {
      key: 'region',
      title: '所属行政区划',
      width: 120,
      ellipsis: { tooltip: true },
      render: (b) => shortRegion(b.region) || h('span', { class: 'muted' }, '未填'),
    },
    {
      key: 'deadline',
      title: '提交截止 · 受理窗口',
      width: 196,
      sorter: (a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'),
      render: (b) => {
        const window = windowRange(b.windowStart, b.windowEnd);
        return h('div', { class: 'dates' }, [
          deadlineCell(b.deadline),
          window ? h('div', { class: 'num muted window' }, `受理 ${window}`) : null,
        ]);
      },
    },
    { key: 'progress', title: '材料进度', width: 132, render: (b) => progressCell(b, actions.complete.get(b.id)) },
    { key: 'statuses', title: '状态', width: 200, render: statusCell },
    {
      key: 'actions',
      title: '操作',
      width: 88,
      render: (b) =>
        h('div', { class: 'row-actions' }, [
          // The row opens the batch: the buttons keep their clicks to themselves.
          h(NButton, { text: true, type: 'primary', onClick: stop(() => actions.edit(b)) }, () => '编辑'),
          h(NButton, { text: true, type: 'error', onClick: stop(() => actions.remove(b)) }, () => '删除'),
        ]),
    },
  ];
}

/** Below this the table scrolls sideways instead of squeezing the columns. */
export const BATCH_TABLE_WIDTH = 1040;
