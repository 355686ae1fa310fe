/**
 * The 工作台's eligibility dashboard: the as-of day, the rows the server evaluated, and the
 * filters, kept across navigation. Changes to people or to the rule pack mark it stale; it
 * reloads when shown.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import type { RouteInput, RouteOutput } from '../../../shared/api/contract';
import type { TitleLevel } from '../../../shared/domain/enums';
import type { Bucket, DashboardRow } from '../../../shared/eligibility/dashboard';
import { todayIso } from '../../../shared/validation/dates';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';
import { BUCKET_ORDER } from '../ui/eligibility';

export interface DashboardFilters {
  bucket: Bucket | null;
  department: string | null;
  level: TitleLevel | null;
}

export type DashboardView = 'list' | 'timeline';

const collator = new Intl.Collator('zh-CN');

/** Who can apply soonest first; within a bucket by date, then by name. */
function byUrgency(a: DashboardRow, b: DashboardRow): number {
  return (
    BUCKET_ORDER[a.bucket] - BUCKET_ORDER[b.bucket] ||
    (a.next?.eligibleOn ?? '9999').localeCompare(b.next?.eligibleOn ?? '9999') ||
    collator.compare(a.name, b.name)
  );
}

export const useEligibilityStore = defineStore('eligibility', () => {
  const { call, busy } = useApi();
  const asOf = ref(todayIso());
  const filters = reactive<DashboardFilters>({ bucket: null, department: null, level: null });
  const view = ref<DashboardView>('list');
  const dashboard = shallowRef<RouteOutput<'eligibility.dashboard'> | null>(null);
  // 10,000 rows: shallow, so Vue does not make every row reactive.
  const allRows = shallowRef<DashboardRow[]>([]);
  const loaded = ref(false);
  const stale = ref(false);
  const shown = ref(false);
  let latestRequest = 0;

  async function load(): Promise<void> {
    const request = ++latestRequest;
    const result = await call('eligibility.dashboard', { asOf: asOf.value });
    if (request !== latestRequest || !result) return;
    dashboard.value = result;
    allRows.value = [...result.rows].sort(byUrgency);
    loaded.value = true;
    stale.value = false;
  }

  /** Rows matching the department and level filters: what the timeline shows. */
  const scopedRows = computed(() => {
    const { department, level } = filters;
    if (!department && !level) return allRows.value;
    return allRows.value.filter(
      (r) => (!department || r.department === department) && (!level || r.next?.level === level),
    );
  });
  /** …and the bucket filter too: what the list shows. */
  const rows = computed(() => {
    const bucket = filters.bucket;
    return bucket ? scopedRows.value.filter((r) => r.bucket === bucket) : scopedRows.value;
  });

  const departments = computed(() =>
    [...new Set(allRows.value.map((r) => r.department).filter((d): d is string => !!d))].sort(collator.compare),
  );
  const filtered = computed(() => Object.values(filters).some((v) => v !== null));

  /** The export asks for exactly what the list shows. */
  const exportQuery = computed<RouteInput<'eligibility.export'>>(() => ({
    asOf: asOf.value,
    buckets: filters.bucket ? [filters.bucket] : undefined,
    department: filters.department ?? undefined,
    level: filters.level ?? undefined,
  }));

  function clearFilters(): void {
    Object.assign(filters, { bucket: null, department: null, level: null });
  }

  /** The 工作台 calls this when it appears and disappears. */
  function setShown(value: boolean): void {
    shown.value = value;
    if (value && (!loaded.value || stale.value)) void load();
  }

  /** Something the rows depend on changed (people, records, the rule pack). */
  function invalidate(): void {
    if (shown.value) void load();
    else stale.value = true;
  }

  watch(asOf, () => invalidate());
  useEvent('people.changed', invalidate);

  return {
    asOf,
    filters,
    view,
    dashboard,
    allRows,
    scopedRows,
    rows,
    departments,
    filtered,
    exportQuery,
    loaded,
    busy,
    load,
    setShown,
    invalidate,
    clearFilters,
  };
});
