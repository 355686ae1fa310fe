/** The material a dropped file most likely is, from its name: the same keywords the inbox matches on. */
import { MATERIAL_TYPES, materialType } from '../../../../../shared/domain/materials';

export const MATERIAL_OPTIONS = MATERIAL_TYPES.map((m) => ({ label: m.type, value: m.type as string }));

export function guessMaterial(fileName: string): { type: string | null; year: number | null } {
  const found = MATERIAL_TYPES.find((m) => m.keywords.some((k) => fileName.includes(k)));
  const year = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(fileName)?.[1];
  return { type: found?.type ?? null, year: year ? Number(year) : null };
}

export const needsYear = (type: string | null) => Boolean(type && materialType(type)?.perYear);
export const expires = (type: string) => Boolean(materialType(type)?.validDays);

export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
