/**
 * The batches, for the list page and for the pickers that choose one (加入申报批次). A batch's
 * declarations come with `batches.get`, which computes every checklist: pages ask for those when
 * they need them, through `details`, and do not keep them.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RouteOutput } from '../../../shared/api/contract';
import type { Batch } from '../../../shared/batches/schemas';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';

export type BatchDetail = RouteOutput<'batches.get'>;

export const useBatchesStore = defineStore('batches', () => {
  const { call, busy } = useApi();
  const batches = ref<Batch[]>([]);
  const loaded = ref(false);
  let latestRequest = 0;

  async function load(): Promise<void> {
    const request = ++latestRequest;
    const list = await call('batches.list', {});
    if (request !== latestRequest || !list) return;
    // Newest first: this year's batches are the ones worked on.
    batches.value = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    loaded.value = true;
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load();
  }

  /** Several batches' declarations, side by side; a batch that fails to load is left out. */
  async function details(ids: readonly number[]): Promise<BatchDetail[]> {
    const answers = await Promise.all(ids.map((id) => call('batches.get', { id })));
    return answers.filter((a): a is BatchDetail => a !== undefined);
  }

  const byId = computed(() => new Map(batches.value.map((b) => [b.id, b])));
  // A batch made or changed anywhere (another page, another window) is in every picker at once.
  useEvent('lists.changed', ({ list }) => {
    if (list === 'batches' && loaded.value) void load();
  });

  return { batches, loaded, busy, byId, load, ensureLoaded, details };
});
