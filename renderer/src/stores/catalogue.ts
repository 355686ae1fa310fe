/**
 * The portal's pickers as the workspace keeps them: 所属行政区划 (江苏省 → city → 市本级 or a
 * district) and 申报专业 (系列 → 专业 → 子专业). Loaded once; 设置 replaces the specialties.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { RouteOutput } from '../../../shared/api/contract';
import { useApi } from '../api/useApi';
import { pathOptions, type TreeNode } from '../ui/declarations';

export const useCatalogueStore = defineStore('catalogue', () => {
  const { call } = useApi();
  const catalogue = shallowRef<RouteOutput<'catalogue.get'> | null>(null);
  let loading: Promise<void> | null = null;

  async function load(): Promise<void> {
    const result = await call('catalogue.get', {});
    if (result) catalogue.value = result;
  }

  /** Loads once, however many pickers ask at the same time. */
  function ensureLoaded(): Promise<void> {
    if (catalogue.value) return Promise.resolve();
    loading ??= load().finally(() => (loading = null));
    return loading;
  }

  function setSpecialties(tree: TreeNode[]): void {
    if (catalogue.value) catalogue.value = { ...catalogue.value, specialties: tree };
  }

  // Every region is in 江苏省: the picker starts at the cities, the value still carries the province.
  const regionOptions = computed(() => {
    const regions = catalogue.value?.regions ?? [];
    const only = regions.length === 1 ? regions[0]! : null;
    return only?.children ? pathOptions(only.children, only.label) : pathOptions(regions);
  });
  const specialtyOptions = computed(() => pathOptions(catalogue.value?.specialties ?? []));
  const specialties = computed(() => catalogue.value?.specialties ?? []);

  return { catalogue, regionOptions, specialtyOptions, specialties, load, ensureLoaded, setSpecialties };
});
