/**
 * Finding a Chinese name by typing latin letters, as HR officers do on a keyboard without an IME
 * switch: the full pinyin (liuyang), the initials (ly), or a run of either (yang) find 刘洋.
 * Surnames are read as surnames (单 is shan, 曾 is zeng), which pinyin-pro knows.
 */
import { pinyin } from 'pinyin-pro';

const LATIN = /^[a-z]+$/;
const cache = new Map<string, { full: string; initials: string }>();

function spelled(name: string) {
  let entry = cache.get(name);
  if (!entry) {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).map((s) => s.toLowerCase());
    entry = { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
    cache.set(name, entry);
  }
  return entry;
}

/** Is the term latin letters only (spaces ignored), i.e. worth comparing with pinyin? */
export const isPinyinTerm = (term: string) => LATIN.test(term.toLowerCase().replace(/\s+/g, ''));

/** A person picker's option (「刘洋（技术部） …1234」): its text, or its name's pinyin or initials. */
export function personOptionMatches(pattern: string, label: string): boolean {
  const name = label.split(/[（ …]/)[0] ?? '';
  return label.toLowerCase().includes(pattern.toLowerCase()) || matchesPinyin(name, pattern);
}

/** Does `name` answer the latin `term` by its pinyin or its initials? */
export function matchesPinyin(name: string, term: string): boolean {
  const t = term.toLowerCase().replace(/\s+/g, '');
  if (!LATIN.test(t)) return false;
  const { full, initials } = spelled(name);
  return full.includes(t) || initials.includes(t);
}
