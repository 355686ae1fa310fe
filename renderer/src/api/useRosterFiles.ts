/** The sheets the user downloads: the blank template of each kind, and the current list's people or records. */
import type { PeopleQuery } from '../../../shared/api/contract';
import { IMPORT_KIND_LABELS, type ImportKind, type RecordImportKind } from '../../../shared/records/columns';
import { message } from '../ui/feedback';
import { saveFilePayload } from './files';
import { useApi } from './useApi';

export function useRosterFiles() {
  const { call, busy } = useApi();

  async function downloadTemplate(kind: ImportKind = 'ledger'): Promise<void> {
    const file = await call('records.template', { kind });
    if (file) saveFilePayload(file);
  }

  async function exportList(query: PeopleQuery, count: number): Promise<void> {
    const file = await call('roster.export', query);
    if (!file) return;
    saveFilePayload(file);
    message.success(`已导出 ${count} 人：${file.fileName}`);
  }

  async function exportRecords(kind: RecordImportKind, query: PeopleQuery, count: number): Promise<void> {
    const file = await call('records.export', { ...query, kind });
    if (!file) return;
    saveFilePayload(file);
    message.success(`已导出 ${count} 人的${IMPORT_KIND_LABELS[kind]}记录：${file.fileName}`);
  }

  return { downloadTemplate, exportList, exportRecords, busy };
}
