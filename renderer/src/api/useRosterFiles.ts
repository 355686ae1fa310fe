/** The roster files the user downloads: the blank template and the current list as .xlsx. */
import type { PeopleQuery } from '../../../shared/api/contract';
import { message } from '../ui/feedback';
import { saveFilePayload } from './files';
import { useApi } from './useApi';

export function useRosterFiles() {
  const { call, busy } = useApi();

  async function downloadTemplate(): Promise<void> {
    const file = await call('roster.template', {});
    if (file) saveFilePayload(file);
  }

  async function exportList(query: PeopleQuery, count: number): Promise<void> {
    const file = await call('roster.export', query);
    if (!file) return;
    saveFilePayload(file);
    message.success(`已导出 ${count} 人：${file.fileName}`);
  }

  return { downloadTemplate, exportList, busy };
}
