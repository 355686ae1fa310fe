/**
 * Whether a degree's major matches the work a person does now (专业对口), where the names tell:
 * one naming the other (通信工程 / 通信) is a match. Anything else cannot be told from the names
 * alone — 电气工程及其自动化 and 电力 may well match — so the user is asked instead.
 */
const normalise = (text: string) => text.replace(/\s+/g, '').replace(/(专业|方向)$/, '');

export function guessMajorMatch(
  major: string | null | undefined,
  specialty: string | null | undefined,
): boolean | null {
  const a = normalise(major ?? '');
  const b = normalise(specialty ?? '');
  if (a.length < 2 || b.length < 2) return null;
  return a.includes(b) || b.includes(a) ? true : null;
}
