/**
 * Letter templates and their placeholders, for the 模板与印章 page: the list (built-in and the
 * user's own) reloads after every save or import; the placeholder list never changes while the
 * app runs, so it is fetched once.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RouteOutput } from '../../../shared/api/contract';
import type { TemplateSummary } from '../../../shared/letters/model';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';

export type PlaceholderItem = RouteOutput<'letters.placeholders'>[number];

export const useLettersStore = defineStore('letters', () => {
  const { call, busy } = useApi();
  const templates = ref<TemplateSummary[]>([]);
  const placeholders = ref<PlaceholderItem[]>([]);
  const loaded = ref(false);

  async function load(): Promise<void> {
    const [list, keys] = await Promise.all([
      call('letters.templates.list', {}),
      placeholders.value.length > 0 ? Promise.resolve(placeholders.value) : call('letters.placeholders', {}),
    ]);
    if (list) templates.value = list;
    if (keys) placeholders.value = keys;
    loaded.value = list !== undefined;
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load();
  }

  const byId = computed(() => new Map(templates.value.map((t) => [t.id, t])));
  useEvent('lists.changed', ({ list }) => {
    if (list === 'templates' && loaded.value) void load();
  });

  return { templates, placeholders, loaded, busy, byId, load, ensureLoaded };
});
