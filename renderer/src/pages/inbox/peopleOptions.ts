/** People as select options for the inbox's pickers: name, department and the ID's last digits to tell namesakes apart. */
import { computed, shallowRef } from 'vue';
import type { PersonRow } from '../../../../shared/domain/schemas';
import { useApi } from '../../api/useApi';
import { personOptionMatches } from '../../../../shared/search/pinyin';

export function usePeopleOptions() {
  const { call } = useApi();
  const people = shallowRef<PersonRow[]>([]);
  async function load(): Promise<void> {
    const result = await call('people.list', {});
    if (result) people.value = result.rows;
  }
  const options = computed(() =>
    people.value.map((p) => ({
      label: `${p.name}${p.department ? `（${p.department}）` : ''} …${p.idNumber.slice(-4)}`,
      value: p.id,
    })),
  );
  return { people, options, load, filter: personFilter };
}

/** For a person select: the label's text, or the name's pinyin or initials (liuyang, ly → 刘洋). */
export const personFilter = (pattern: string, option: { label?: unknown }) =>
  personOptionMatches(pattern, String(option.label ?? ''));
