/**
 * Records read from documents waiting for HR (「从材料识别，待确认」): how many each person has, for
 * the people list, kept current by `suggestions.changed`; a person's own list is loaded by their page.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { Suggestion } from '../../../shared/reading/suggestions';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';

export const useSuggestionsStore = defineStore('suggestions', () => {
  const { call } = useApi();
  const pending = shallowRef<Suggestion[]>([]);
  let latest = 0;

  async function load(): Promise<void> {
    const request = ++latest;
    const found = await call('suggestions.list', { status: 'pending' });
    if (found && request === latest) pending.value = found;
  }

  const byPerson = computed(() => {
    const counts = new Map<number, number>();
    for (const s of pending.value) counts.set(s.employeeId, (counts.get(s.employeeId) ?? 0) + 1);
    return counts;
  });

  useEvent('suggestions.changed', () => void load());
  // A document trashed or restored shows or hides its suggestions.
  useEvent('inbox.documents', () => void load());

  return { pending, byPerson, load, total: computed(() => pending.value.length) };
});
