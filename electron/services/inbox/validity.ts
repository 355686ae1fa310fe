/**
 * Materials that expire (a 学信网备案表 is valid for about 90 days after it is downloaded) get
 * their last valid day when filed, so the checklist can warn before the batch's deadline; the
 * user corrects it from the report's own date on the person's documents tab.
 */
import { materialType } from '../../../shared/domain/materials';

/** The default last valid day for a material filed at `filedAt`, or null when it does not expire. */
export function defaultValidUntil(type: string, filedAt: Date): string | null {
  const days = materialType(type)?.validDays;
  if (!days) return null;
  return new Date(filedAt.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
