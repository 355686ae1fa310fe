/** The eligibility engine over 10,000 generated people, beside copying the same input (touching every record once). */
import { DEFAULT_PACK } from '../shared/eligibility/defaultPack';
import { evaluateAll } from '../shared/eligibility/batch';
import { generateEligibilityPeople } from '../tests/support/eligibilityPeople';
import { median, report } from './support';

export async function benchEligibility(): Promise<void> {
  const people = generateEligibilityPeople(10_000, 2026);
  console.log(
    `\n申报资格 (${people.length} people, ${people.reduce((n, p) => n + p.assessments.length + p.continuingEducation.length, 0)} yearly records)`,
  );
  const copy = await median(5, () => structuredClone(people));
  let eligibleNow = 0;
  const evaluateMs = await median(5, () => {
    eligibleNow = evaluateAll(people, DEFAULT_PACK, '2026-11-23').results.filter((r) => r.next?.eligibleNow).length;
  });
  report('evaluate 10,000 people (median of 5)', evaluateMs, 'structuredClone of the input', copy);
  console.log(`eligible now: ${eligibleNow}`);
}
