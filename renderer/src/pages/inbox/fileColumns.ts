/** The live list's columns: the file, where it is in the pipeline, whose it became and what came out. */
import { NProgress, NTag, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { InboxFile } from '../../stores/inbox';
import { formatBytes } from '../people/documents/materialGuess';
import { baseName, isWorking, progressOf, tagType } from './fileStates';

const stateCell = (file: InboxFile) =>
  h('div', { class: 'state-cell', 'data-testid': 'file-state', 'data-state': file.state }, [
    h(NTag, { size: 'small', bordered: false, type: tagType(file.state) }, () => file.label),
    isWorking(file.state)
      ? h(NProgress, {
          type: 'line',
          percentage: progressOf(file.state),
          showIndicator: false,
          height: 4,
          processing: true,
          style: 'width: 80px',
        })
      : null,
  ]);

export function fileColumns(): DataTableColumns<InboxFile> {
  return [
    {
      key: 'name',
      title: '文件',
      minWidth: 220,
      ellipsis: { tooltip: true },
      render: (f) => h('span', { class: f.parentId ? 'part' : 'file-name' }, baseName(f.path)),
    },
    { key: 'state', title: '状态', width: 180, render: stateCell },
    {
      key: 'person',
      title: '人员',
      width: 100,
      render: (f) => f.personName ?? h('span', { class: 'muted' }, '—'),
    },
    {
      key: 'type',
      title: '材料',
      width: 150,
      render: (f) =>
        f.materialType ? `${f.materialType}${f.year ? ` ${f.year}` : ''}` : h('span', { class: 'muted' }, '—'),
    },
    {
      key: 'result',
      title: '结果',
      minWidth: 260,
      ellipsis: { tooltip: true },
      render: (f) =>
        f.message
          ? h('span', { class: f.state === 'quarantined' ? 'danger' : 'muted' }, f.message)
          : f.outputName
            ? `${f.outputName}${f.outputBytes ? `（${formatBytes(f.outputBytes)}）` : ''}`
            : '',
    },
  ];
}
