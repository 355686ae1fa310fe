/**
 * A page list as a user writes it (「1-3,5」). On its own, away from the PDF code, so that the CLI
 * parses its arguments without loading pdf-lib and sharp, which only the engine's process needs.
 */
import { fail } from './errors';

/** Parses a page list such as "1-3,5"; pages are 1-based, in the order given. */
export function parsePageList(text: string): number[] {
  const pages: number[] = [];
  for (const part of text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from || to - from > 10_000) throw fail.badArgument(`页码范围「${part}」无效`);
      for (let p = from; p <= to; p++) pages.push(p);
    } else if (/^\d+$/.test(part)) {
      pages.push(Number(part));
    } else {
      throw fail.badArgument(`页码「${part}」无效，应写成如 1-3,5 的形式`);
    }
  }
  if (pages.length === 0) throw fail.badArgument('没有给出页码');
  return pages;
}
