/**
 * The inbox as the 材料收件箱 page sees it: the latest files (patched live from `inbox.file`
 * events, so a row's state moves as the pipeline moves it), the review queue and the quarantine,
 * the watched folders with whether each is reachable, and the settings. Lists are reloaded a
 * moment after a burst of events rather than on each one.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventPayload, RouteInput, RouteOutput } from '../../../shared/api/contract';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';
import { message } from '../ui/feedback';

export type InboxFile = RouteOutput<'inbox.files'>[number];
export type WatchedFolder = RouteOutput<'inbox.folders.list'>[number];
export type InboxSettings = RouteOutput<'inbox.settings.get'>;
type FileEvent = EventPayload<'inbox.file'>;

const RECENT_LIMIT = 200;
const RELOAD_DELAY_MS = 250;

export const useInboxStore = defineStore('inbox', () => {
  const { call } = useApi();
  const recent = ref<InboxFile[]>([]);
  const review = ref<InboxFile[]>([]);
  const quarantine = ref<InboxFile[]>([]);
  const folders = ref<WatchedFolder[]>([]);
  const offline = ref<ReadonlyMap<number, string>>(new Map());
  const settings = ref<InboxSettings | null>(null);
  const loaded = ref(false);
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;

  async function loadFiles(): Promise<void> {
    const [latest, waiting, stuck] = await Promise.all([
      call('inbox.files', { kind: 'recent', limit: RECENT_LIMIT }),
      call('inbox.files', { kind: 'review' }),
      call('inbox.files', { kind: 'quarantine' }),
    ]);
    if (latest) recent.value = latest;
    if (waiting) review.value = waiting;
    if (stuck) quarantine.value = stuck;
    loaded.value = true;
  }

  async function loadFolders(): Promise<void> {
    const list = await call('inbox.folders.list', {});
    if (list) folders.value = list;
  }

  async function loadSettings(): Promise<void> {
    const value = await call('inbox.settings.get', {});
    if (value) settings.value = value;
  }

  async function load(): Promise<void> {
    await Promise.all([loadFiles(), loadFolders(), loadSettings()]);
  }

  function reloadSoon(): void {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void loadFiles();
    }, RELOAD_DELAY_MS);
  }

  /** The row moves at once; the lists (new rows, the review queue, the quarantine) follow shortly. */
  function onFile(event: FileEvent): void {
    const index = recent.value.findIndex((f) => f.id === event.fileId);
    if (index >= 0) {
      const row = recent.value[index]!;
      recent.value.splice(index, 1, {
        ...row,
        state: event.state,
        label: event.label,
        personId: event.personId,
        personName: event.personName,
        materialType: event.materialType,
        year: event.year,
        documentId: event.documentId,
        message: event.message,
      });
    }
    reloadSoon();
  }

  useEvent('inbox.file', onFile);
  useEvent('inbox.folder', (event) => {
    const next = new Map(offline.value);
    if (event.status === 'offline') next.set(event.folderId, event.message ?? '文件夹无法访问');
    else next.delete(event.folderId);
    offline.value = next;
  });
  useEvent('inbox.alert', (event) => message.warning(event.message, { duration: 10_000, closable: true }));

  /** Replaces one row wherever it is listed, from an action's answer. */
  function applied(file: InboxFile | undefined): InboxFile | undefined {
    if (file) {
      recent.value = recent.value.map((f) => (f.id === file.id ? file : f));
      reloadSoon();
    }
    return file;
  }

  return {
    recent,
    review,
    quarantine,
    folders,
    offline,
    settings,
    loaded,
    load,
    loadFiles,
    loadFolders,
    reviewCount: computed(() => review.value.length),
    quarantineCount: computed(() => quarantine.value.length),
    async rescan(): Promise<boolean> {
      const done = await call('inbox.rescan', {});
      reloadSoon();
      return done !== undefined;
    },
    assign: async (input: RouteInput<'inbox.assign'>) => applied(await call('inbox.assign', input)),
    retry: async (id: number) => applied(await call('inbox.retry', { id })),
    discard: async (id: number) => applied(await call('inbox.discard', { id })),
    async saveFolder(input: RouteInput<'inbox.folders.add'> & { id?: number }): Promise<WatchedFolder | undefined> {
      const { id, ...fields } = input;
      const saved =
        id === undefined
          ? await call('inbox.folders.add', fields)
          : await call('inbox.folders.update', { id, ...fields });
      if (saved) await loadFolders();
      return saved;
    },
    async removeFolder(id: number): Promise<boolean> {
      const done = await call('inbox.folders.remove', { id });
      if (done) await loadFolders();
      return done !== undefined;
    },
    async saveSettings(input: RouteInput<'inbox.settings.save'>): Promise<InboxSettings | undefined> {
      const saved = await call('inbox.settings.save', input);
      if (saved) settings.value = saved;
      return saved;
    },
  };
});
