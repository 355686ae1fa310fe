/** The units (legal entities) HR serves: the settings page edits them, forms and filters pick from them. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Unit } from '../../../shared/domain/schemas';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';

export const useUnitsStore = defineStore('units', () => {
  const { call } = useApi();
  const units = ref<Unit[]>([]);
  const loaded = ref(false);

  async function load(): Promise<void> {
    const list = await call('units.list', {});
    if (!list) return;
    units.value = list;
    loaded.value = true;
  }

  /** Loads once; pages that only pick from the list call this. */
  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load();
  }

  const options = computed(() =>
    units.value.map((u) => ({ label: u.isDefault ? `${u.name}（默认）` : u.name, value: u.id })),
  );
  useEvent('lists.changed', ({ list }) => {
    if (list === 'units' && loaded.value) void load();
  });
  const defaultUnit = computed(() => units.value.find((u) => u.isDefault) ?? null);

  return { units, loaded, options, defaultUnit, load, ensureLoaded };
});
