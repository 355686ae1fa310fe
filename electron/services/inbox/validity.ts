/**
 * Materials that expire (a 学信网备案表 is valid for a time the applicant chose when downloading
 * it, about 3 months by default) get their last valid day when filed, so the checklist can warn
 * before the batch's deadline; the user corrects it from the report's own date on the person's
 * documents tab. How long is the rule pack's 学信网备案表有效期 (设置 › 申报规则).
 */
import type { Repos } from '../../../db';
import { materialType } from '../../../shared/domain/materials';
import { workspacePack } from '../eligibility/eligibilityService';

/** The default last valid day for a material filed at `filedAt`, or null when it does not expire. */
export function defaultValidUntil(type: string, filedAt: Date, repos: Repos): string | null {
  if (!materialType(type)?.validDays) return null;
  const days = workspacePack(repos).recordValidityDays;
  return new Date(filedAt.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
