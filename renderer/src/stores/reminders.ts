/**
 * The reminders HR has not dismissed: someone becomes eligible, an acceptance window opens or
 * closes, a 学信网备案表 expires. The server says when the list changed; changes to people may
 * change it too, so those reload it after a short pause (an import sends many at once).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Reminder } from '../../../shared/eligibility/reminders';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';

const RELOAD_DELAY_MS = 1000;

export const REMINDER_KINDS: Record<
  Reminder['kind'],
  { label: string; type: 'success' | 'info' | 'warning' | 'error' }
> = {
  eligible: { label: '可申报', type: 'success' },
  windowOpens: { label: '窗口开放', type: 'info' },
  windowCloses: { label: '窗口将关闭', type: 'warning' },
  recordExpires: { label: '备案表到期', type: 'error' },
  eligibleWaiting: { label: '待加入批次', type: 'success' },
  recordBeforeDeadline: { label: '备案表将过期', type: 'error' },
  returned: { label: '退回修改', type: 'error' },
};

/** Where a reminder's link leads in the app. */
export function reminderTarget(reminder: Reminder): { path: string; label: string } {
  const { type, id } = reminder.link;
  if (type === 'person' && id !== null) return { path: `/people/${id}`, label: '查看人员' };
  if (type === 'declaration' && id !== null) return { path: `/declarations/${id}`, label: '查看申报' };
  if (type === 'batch') return { path: id !== null ? `/batches/${id}` : '/batches', label: '查看批次' };
  // A window opening or closing concerns those who can apply now.
  if (reminder.kind === 'windowOpens' || reminder.kind === 'windowCloses' || reminder.kind === 'eligibleWaiting')
    return { path: '/?bucket=now', label: '查看可申报人员' };
  return { path: '/', label: '打开工作台' };
}

/** Windows and expiring records concern everyone: first; then people, in the server's order (by date). */
export const byImportance = (reminders: readonly Reminder[]) => [
  ...reminders.filter((r) => r.kind !== 'eligible'),
  ...reminders.filter((r) => r.kind === 'eligible'),
];

export const useRemindersStore = defineStore('reminders', () => {
  const { call, busy } = useApi();
  const items = shallowRef<Reminder[]>([]);
  const loaded = ref(false);
  let latestRequest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    clearTimeout(timer);
    const request = ++latestRequest;
    const list = await call('reminders.list', {});
    if (request !== latestRequest || !list) return;
    items.value = list;
    loaded.value = true;
  }

  function reloadSoon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), RELOAD_DELAY_MS);
  }

  async function dismiss(key: string): Promise<boolean> {
    if (!(await call('reminders.dismiss', { key }))) return false;
    // Gone at once; the server's reminders.changed brings the list back in line.
    items.value = items.value.filter((r) => r.key !== key);
    return true;
  }

  async function dismissAll(): Promise<number> {
    let count = 0;
    for (const reminder of [...items.value]) if (await dismiss(reminder.key)) count++;
    return count;
  }

  useEvent('reminders.changed', reloadSoon);
  useEvent('people.changed', reloadSoon);

  return { items, loaded, busy, count: computed(() => items.value.length), load, reloadSoon, dismiss, dismissAll };
});
