/** The people table's columns: what HR scans down the list for. */
import type { DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { PersonRow } from '../../../../shared/domain/schemas';

const collator = new Intl.Collator('zh-CN');
const byText = (key: keyof PersonRow) => (a: PersonRow, b: PersonRow) =>
  collator.compare(String(a[key] ?? ''), String(b[key] ?? ''));
const mono = (key: 'idNumber' | 'phone') => (row: PersonRow) => h('span', { class: 'mono' }, row[key] ?? '');

export const PEOPLE_COLUMNS: DataTableColumns<PersonRow> = [
  { key: 'name', title: '姓名', width: 88, fixed: 'left', sorter: byText('name'), ellipsis: true },
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
export const PEOPLE_TABLE_WIDTH = 1106;
