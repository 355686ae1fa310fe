/** 设置 › 数据与备份: the workspace's backups and where they go, the last integrity report, and moving the workspace. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RouteOutput } from '../../../shared/api/contract';
import { useApi } from '../api/useApi';

export const useBackupsStore = defineStore('backups', () => {
  const { call, busy } = useApi();
  const list = ref<RouteOutput<'backups.list'> | null>(null);
  const integrity = ref<RouteOutput<'integrity.get'> | null>(null);

  async function load(): Promise<void> {
    const [backups, status] = await Promise.all([call('backups.list', {}), call('integrity.get', {})]);
    if (backups) list.value = backups;
    if (status) integrity.value = status;
  }

  async function create() {
    const made = await call('backups.create', {});
    await load();
    return made;
  }

  /** Where backups go from now on: a checked folder, or '' for the workspace's own. */
  async function setLocation(folder: string) {
    const saved = await call('backups.setLocation', { folder: folder.trim() ? folder : null });
    if (saved) await load();
    return saved;
  }

  /** After a restore every page's data is stale: the page reloads once it has said what happened. */
  const restore = (name: string) => call('backups.restore', { name });

  async function check() {
    const report = await call('integrity.check', {});
    if (report) integrity.value = { running: false, report };
    return report;
  }

  async function repair() {
    const result = await call('integrity.repair', {});
    if (result) integrity.value = { running: false, report: result.report };
    return result;
  }

  const exportTo = (folder: string) => call('workspace.export', folder.trim() ? { folder } : {});
  const importInto = (archive: string, target: string) => call('workspace.import', { archive, target });

  return { list, integrity, busy, load, create, setLocation, restore, check, repair, exportTo, importInto };
});
