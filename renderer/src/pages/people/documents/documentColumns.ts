/** The documents tab's columns: what it is, its file, and what can be done with it. */
import { NButton, NTag, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import type { PersonDocument } from '../../../stores/documents';
import { expires, formatBytes } from './materialGuess';
import ValidUntilCell from './ValidUntilCell.vue';

export interface DocumentActions {
  /** The trash lists what can be restored; in use lists what can be previewed, replaced, deleted. */
  trash: boolean;
  preview(doc: PersonDocument): void;
  replace(doc: PersonDocument): void;
  remove(doc: PersonDocument): void;
  restore(doc: PersonDocument): void;
  setValidUntil(doc: PersonDocument, value: string | null): void;
  /** Reads every page (OCR) for search and suggestions; `reading` is the one being read. */
  read(doc: PersonDocument): void;
  reading: number | null;
}

const SOURCE_TAG: Record<string, 'info' | 'success' | 'default'> = { 扫描: 'info', 手动: 'default', 生成: 'success' };

const button = (label: string, testid: string, onClick: () => void, type?: 'error' | 'primary', loading = false) =>
  h(NButton, { size: 'small', quaternary: true, type, loading, 'data-testid': testid, onClick }, () => label);

export function documentColumns(actions: DocumentActions): DataTableColumns<PersonDocument> {
  return [
    {
      key: 'materialType',
      title: '材料类型',
      width: 130,
      render: (d) => h('span', { class: 'doc-type' }, d.materialType),
    },
    { key: 'year', title: '年度', width: 70, render: (d) => d.year ?? '—' },
    {
      key: 'fileName',
      title: '文件',
      minWidth: 220,
      ellipsis: { tooltip: true },
      render: (d) =>
        h('a', { class: 'doc-file', 'data-testid': 'doc-file', onClick: () => actions.preview(d) }, d.fileName),
    },
    {
      key: 'size',
      title: '大小',
      width: 110,
      render: (d) => h('span', { class: 'num' }, `${formatBytes(d.bytes)}${d.pages ? ` · ${d.pages}页` : ''}`),
    },
    {
      key: 'source',
      title: '来源',
      width: 70,
      render: (d) =>
        h(NTag, { size: 'small', bordered: false, type: SOURCE_TAG[d.source] ?? 'default' }, () => d.source),
    },
    {
      key: 'validUntil',
      title: '有效期至',
      width: 230,
      render: (d) =>
        expires(d.materialType) && !actions.trash
          ? h(ValidUntilCell, { value: d.validUntil, onChange: (v: string | null) => actions.setValidUntil(d, v) })
          : (d.validUntil ?? ''),
    },
    { key: 'createdAt', title: '添加时间', width: 110, render: (d) => d.createdAt.slice(0, 10) },
    {
      key: 'actions',
      title: '',
      width: 240,
      render: (d) =>
        h(
          'div',
          { class: 'doc-actions' },
          actions.trash
            ? [button('恢复', 'doc-restore', () => actions.restore(d), 'primary')]
            : [
                button('预览', 'doc-preview', () => actions.preview(d)),
                button('识别', 'doc-read', () => actions.read(d), undefined, actions.reading === d.id),
                button('替换', 'doc-replace', () => actions.replace(d)),
                button('删除', 'doc-delete', () => actions.remove(d), 'error'),
              ],
        ),
    },
  ];
}
