/**
 * The people list and its filters, kept across navigation so coming back from a person page
 * finds the list as it was left. Changes elsewhere mark it stale; it reloads when shown.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { PeopleQuery } from '../../../shared/api/contract';
import type { PersonCategory } from '../../../shared/domain/enums';
import type { PersonRow } from '../../../shared/domain/schemas';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';

export interface PeopleFilters {
  search: string;
  unitId: number | null;
  department: string | null;
  category: PersonCategory | null;
}

export const usePeopleStore = defineStore('people', () => {
  const { call, busy } = useApi();
  const filters = reactive<PeopleFilters>({ search: '', unitId: null, department: null, category: null });
  // 10,000 rows: shallow, so Vue does not make every row reactive.
  const rows = shallowRef<PersonRow[]>([]);
  const departments = ref<string[]>([]);
  const loaded = ref(false);
  const stale = ref(false);
  const shown = ref(false);
  let latestRequest = 0;

  const query = computed<PeopleQuery>(() => ({
    search: filters.search.trim() || undefined,
    unitId: filters.unitId ?? undefined,
    department: filters.department ?? undefined,
    category: filters.category ?? undefined,
  }));

  const filtered = computed(() => Object.values(query.value).some((v) => v !== undefined));

  async function load(): Promise<void> {
    // Typing in the search box sends several requests; only the last one's answer counts.
    const request = ++latestRequest;
    const result = await call('people.list', query.value);
    if (request !== latestRequest || !result) return;
    rows.value = result.rows;
    departments.value = result.departments;
    loaded.value = true;
    stale.value = false;
  }

  /** The list page calls this when it appears and disappears. */
  function setShown(value: boolean): void {
    shown.value = value;
    if (value && (!loaded.value || stale.value)) void load();
  }

  function clearFilters(): void {
    Object.assign(filters, { search: '', unitId: null, department: null, category: null });
  }

  useEvent('people.changed', () => {
    if (shown.value) void load();
    else stale.value = true;
  });

  return { filters, rows, departments, loaded, busy, query, filtered, load, setShown, clearFilters };
});
