/** How batches and declarations read on screen: status colours, paths from the catalogues, summary counts. */
import type { CascaderOption } from 'naive-ui';
import { SUMMARY_LIMITS } from '../../../shared/batches/summary';
import { DECLARATION_STATUSES, type DeclarationStatus } from '../../../shared/domain/enums';
import type { TagType } from './eligibility';

export const STATUS_TAG: Record<DeclarationStatus, TagType> = {
  准备中: 'default',
  材料齐全: 'info',
  已导出: 'primary',
  已提交: 'warning',
  退回修改: 'error',
  已通过: 'success',
  已领证: 'success',
};

export const STATUS_ORDER = Object.fromEntries(DECLARATION_STATUSES.map((s, i) => [s, i])) as Record<
  DeclarationStatus,
  number
>;

/** A catalogue tree (regions, specialties) as cascader options whose values are the joined paths. */
export interface TreeNode {
  label: string;
  children?: TreeNode[];
}

export function pathOptions(tree: readonly TreeNode[], parent = ''): CascaderOption[] {
  return tree.map((node) => {
    const value = parent ? `${parent}/${node.label}` : node.label;
    return node.children?.length
      ? { label: node.label, value, children: pathOptions(node.children, value) }
      : { label: node.label, value };
  });
}

/** 江苏省/南京市/玄武区 → 南京市/玄武区: the province is the same for every batch. */
export const shortRegion = (region: string | null) => (region ? region.replace(/^江苏省\//, '') : '');

/** 2026-03-01 至 04-30 (the end's year only when it differs), or the one end that is known. */
export function windowRange(start: string | null, end: string | null): string {
  if (start && end) return `${start} 至 ${start.slice(0, 4) === end.slice(0, 4) ? end.slice(5) : end}`;
  if (start) return `${start} 起`;
  if (end) return `至 ${end}`;
  return '';
}

export type SummaryTone = 'empty' | 'short' | 'ok' | 'long';

export function summaryTone(characters: number): SummaryTone {
  if (characters === 0) return 'empty';
  if (characters < SUMMARY_LIMITS.min) return 'short';
  return characters > SUMMARY_LIMITS.max ? 'long' : 'ok';
}

/** The last part of a path the server wrote (either separator: the workspace may be on Windows). */
export const baseName = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? path;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant the server recorded (ISO, UTC) as local 2026-11-23 14:05. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}
