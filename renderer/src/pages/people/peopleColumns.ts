/** The people table's columns: what HR scans down the list for. */
import { NTag, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { PersonRow } from '../../../../shared/domain/schemas';

const collator = new Intl.Collator('zh-CN');
const byText = (key: keyof PersonRow) => (a: PersonRow, b: PersonRow) =>
  collator.compare(String(a[key] ?? ''), String(b[key] ?? ''));
const mono = (key: 'idNumber' | 'phone') => (row: PersonRow) => h('span', { class: 'mono' }, row[key] ?? '');

/** The name, and how many records read from their documents wait for HR (「从材料识别，待确认」). */
const nameWithPending = (pendingOf: (id: number) => number) => (row: PersonRow) => {
  const pending = pendingOf(row.id);
  return h('span', { class: 'name-cell' }, [
    h('span', { class: 'name' }, row.name),
    pending > 0
      ? h(
          NTag,
          {
            size: 'tiny',
            type: 'warning',
            round: true,
            bordered: false,
            title: `${pending} 条从材料识别的记录待确认`,
            'data-testid': 'person-pending',
          },
          () => `待确认${pending}`,
        )
      : null,
  ]);
};

export const peopleColumns = (pendingOf: (id: number) => number): DataTableColumns<PersonRow> => [
  {
    key: 'name',
    title: '姓名',
    width: 128,
    fixed: 'left',
    sorter: byText('name'),
    render: nameWithPending(pendingOf),
  },
  { key: 'gender', title: '性别', width: 52 },
  { key: 'idNumber', title: '身份证号', width: 172, render: mono('idNumber') },
  { key: 'department', title: '部门', width: 100, sorter: byText('department'), ellipsis: true },
  { key: 'position', title: '岗位', width: 90, ellipsis: true },
  // The one column without a width: it takes what the window has to spare.
  { key: 'unitName', title: '单位', minWidth: 100, ellipsis: true },
  { key: 'educationLevel', title: '最高学历', width: 76 },
  { key: 'titleLevel', title: '现职称级别', width: 88 },
  { key: 'phone', title: '手机', width: 116, render: mono('phone') },
  { key: 'hiredOn', title: '入职日期', width: 100, sorter: byText('hiredOn') },
  { key: 'category', title: '人员类别', width: 84 },
];

/** Below this the table scrolls sideways instead of squeezing the columns. */
export const PEOPLE_TABLE_WIDTH = 1146;
