/**
 * The inbox's workspace settings (one JSON value under `inbox.settings`): the file-name template
 * and the size limits. Limits default to the catalogue's (500 KB; 10,000 KB for 工作业绩, i.e.
 * 业绩/奖项/论文), both editable, and any type can have its own.
 */
import { z } from 'zod';
import type { Repos } from '../../../db';
import { AppError } from '../../../shared/api/errors';
import { MATERIAL_TYPES, materialType } from '../../../shared/domain/materials';
import { checkTemplate, DEFAULT_NAME_TEMPLATE } from './names';

export const SETTINGS_KEY = 'inbox.settings';

const kb = z.number().int().min(10, '大小限制至少 10 KB').max(200_000, '大小限制不能超过 200,000 KB');

export const InboxSettings = z.object({
  nameTemplate: z.string().trim().min(1).max(120).default(DEFAULT_NAME_TEMPLATE),
  /** The ordinary limit for one file. */
  defaultLimitKb: kb.default(500),
  /** 工作业绩 (业绩、奖项、论文、专利). */
  achievementsLimitKb: kb.default(10_000),
  /** Per material type, over the two above. */
  limitsKb: z.record(z.string(), kb).default({}),
});
export type InboxSettings = z.output<typeof InboxSettings>;

const ACHIEVEMENTS = new Set(MATERIAL_TYPES.filter((m) => m.limitKb > 500).map((m) => m.type as string));

export function readSettings(repos: Repos): InboxSettings {
  const parsed = InboxSettings.safeParse(repos.settings.get(SETTINGS_KEY) ?? {});
  return parsed.success ? parsed.data : InboxSettings.parse({});
}

export function saveSettings(repos: Repos, input: unknown): InboxSettings {
  const parsed = InboxSettings.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_INPUT', parsed.error.issues[0]?.message ?? '设置无效');
  const problem = checkTemplate(parsed.data.nameTemplate);
  if (problem) throw new AppError('BAD_INPUT', problem);
  for (const type of Object.keys(parsed.data.limitsKb)) {
    if (!materialType(type)) throw new AppError('BAD_INPUT', `「${type}」不是已知的材料类型`);
  }
  repos.settings.set(SETTINGS_KEY, parsed.data);
  return parsed.data;
}

/** The size limit in bytes for a material type. */
export function limitBytes(settings: InboxSettings, type: string): number {
  const kbValue =
    settings.limitsKb[type] ?? (ACHIEVEMENTS.has(type) ? settings.achievementsLimitKb : settings.defaultLimitKb);
  return kbValue * 1024;
}
