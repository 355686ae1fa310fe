/**
 * Chinese text layout for letters: line breaking with the usual rules (no closing punctuation at
 * the start of a line, no opening punctuation at its end, a run of Latin letters and digits such
 * as an 18-digit ID number never split), justification by character spacing, and the page
 * composition of an official letter. Coordinates are PDF points, y upwards from the page bottom.
 */
import type { FontStack } from './fonts';

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 };

/** Where a CJK glyph's em box top sits above the baseline, in em (ideographic em box ≈ -0.12…0.88). */
export const EM_TOP = 0.88;

export interface Run {
  text: string;
  face: number;
}

export interface PlacedLine {
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  runs: Run[];
  /** PDF Tc: extra space after each character, for justification (negative squeezes). */
  charSpacing: number;
  width: number;
  bold: boolean;
}

export interface Rule {
  x1: number;
  x2: number;
  y: number;
}

export interface SealBox {
  /** Lower-left corner and side, in points. */
  x: number;
  y: number;
  size: number;
}

export interface LaidOutPage {
  lines: PlacedLine[];
  rules: Rule[];
  seal: SealBox | null;
}

// ── Breaking ────────────────────────────────────────────────────────────────────
const CLOSING = new Set([...'，。、；：？！）》」』”’〕】〗〉…—％,.;:?!)]}%·']);
const OPENING = new Set([...'（《「『“‘〔【〖〈([{']);
const isAsciiWord = (ch: string) => /^[\x21-\x7e]$/.test(ch) && !OPENING.has(ch) && !CLOSING.has(ch);

/**
 * Splits text into the pieces a line may not break inside: one CJK character with any closing
 * punctuation after it and opening punctuation before it, or a whole run of ASCII (an ID number, a
 * phone number, a credit code). Spaces stay as their own pieces.
 */
export function tokenize(text: string): string[] {
  const chars = [...text];
  const tokens: string[] = [];
  let pendingOpen = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (OPENING.has(ch)) {
      pendingOpen += ch;
      continue;
    }
    if (CLOSING.has(ch) && tokens.length > 0 && pendingOpen === '') {
      tokens[tokens.length - 1] += ch;
      continue;
    }
    let token = ch;
    if (isAsciiWord(ch)) {
      while (i + 1 < chars.length && isAsciiWord(chars[i + 1]!)) token += chars[++i];
    }
    tokens.push(pendingOpen + token);
    pendingOpen = '';
  }
  if (pendingOpen) tokens.push(pendingOpen);
  return tokens;
}

export class Measure {
  constructor(readonly fonts: FontStack) {}

  width(text: string, size: number): number {
    let em = 0;
    for (const ch of text) em += this.fonts.advance(ch, Math.max(0, this.fonts.faceFor(ch.codePointAt(0)!)));
    return em * size;
  }

  /** The text cut into runs of one face each. */
  runs(text: string): Run[] {
    const runs: Run[] = [];
    for (const ch of text) {
      const face = Math.max(0, this.fonts.faceFor(ch.codePointAt(0)!));
      const last = runs[runs.length - 1];
      if (last && last.face === face) last.text += ch;
      else runs.push({ text: ch, face });
    }
    return runs;
  }
}

export interface BrokenLine {
  text: string;
  width: number;
  /** Justify to the full measure (every line of a paragraph but its last). */
  justify: boolean;
}

/**
 * Greedy line breaking. A piece that ends in closing punctuation may squeeze its line by up to
 * half an em rather than leave a gap; a piece longer than a whole line is cut by character.
 */
export function breakLines(
  text: string,
  measure: Measure,
  size: number,
  firstWidth: number,
  width: number,
  justify: boolean,
): BrokenLine[] {
  const tokens = tokenize(text).flatMap((t) => (measure.width(t, size) > width ? [...t] : [t]));
  const lines: BrokenLine[] = [];
  let current = '';
  let currentWidth = 0;
  const flush = (last: boolean) => {
    const trimmed = current.replace(/ +$/, '');
    lines.push({ text: trimmed, width: measure.width(trimmed, size), justify: justify && !last });
    current = '';
    currentWidth = 0;
  };
  for (const token of tokens) {
    const available = lines.length === 0 ? firstWidth : width;
    const tokenWidth = measure.width(token, size);
    const squeezable = CLOSING.has([...token].pop()!) ? size * 0.5 : 0;
    if (current !== '' && currentWidth + tokenWidth > available + squeezable + 0.01) flush(false);
    if (current === '' && token === ' ') continue;
    current += token;
    currentWidth += tokenWidth;
  }
  if (current !== '' || lines.length === 0) flush(true);
  return lines;
}

const glyphCount = (text: string) => [...text].length;

/** Places one broken line at `x`, justified to `width` when asked. */
export function placeLine(
  line: BrokenLine,
  measure: Measure,
  x: number,
  y: number,
  size: number,
  width: number,
  bold = false,
): PlacedLine {
  const n = glyphCount(line.text);
  const squeezed = line.width > width + 0.01;
  const charSpacing = (line.justify || squeezed) && n > 1 ? (width - line.width) / (n - 1) : 0;
  return { x, y, size, runs: measure.runs(line.text), charSpacing, width: line.width, bold };
}

// ── An official letter on A4 ──────────────────────────────────────────────────────
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'line'; text: string; align: 'left' | 'center' | 'right' }
  | { kind: 'paragraph'; text: string }
  | { kind: 'gap'; lines: number }
  /** The unit's name and date, right-aligned, `gap` lines below the text, with the seal over them. */
  | { kind: 'signOff'; lines: string[]; seal: boolean; gap: number }
  /** 承诺人（签名）：＿＿＿ and a blank date line for handwriting. */
  | { kind: 'signature'; label: string; date: boolean; gap: number };

export interface LetterGeometry {
  page: { width: number; height: number };
  margin: { top: number; bottom: number; left: number; right: number };
  titleSize: number;
  bodySize: number;
  sealSize: number;
}

export const LETTER_GEOMETRY: LetterGeometry = {
  page: A4,
  margin: { top: 30 * MM, bottom: 25 * MM, left: 28 * MM, right: 26 * MM },
  titleSize: 22,
  bodySize: 16,
  sealSize: 40 * MM,
};

/** Lines of text carried to the next page with a sign-off or signature, so it never stands alone. */
const KEEP_WITH_NEXT = 2;

/** Tries the body size, then tighter lines, then smaller sizes, until the letter fits one page. */
const attempts = (bodySize: number) => {
  const list: Array<{ size: number; leading: number }> = [];
  for (let size = bodySize; size >= 12; size -= 0.5) list.push({ size, leading: 1.8 }, { size, leading: 1.6 });
  return list;
};

export function layoutLetter(blocks: readonly Block[], measure: Measure, geometry: LetterGeometry): LaidOutPage[] {
  let pages: LaidOutPage[] = [];
  for (const { size, leading } of attempts(geometry.bodySize)) {
    pages = composeLetter(blocks, measure, geometry, size, leading);
    if (pages.length === 1) return pages;
  }
  // Several pages: number them at the foot, centred, as official letters do.
  pages.forEach((page, i) => {
    const text = `— ${i + 1} —`;
    const width = measure.width(text, 12);
    page.lines.push(
      placeLine(
        { text, width, justify: false },
        measure,
        (geometry.page.width - width) / 2,
        geometry.margin.bottom / 2,
        12,
        width,
      ),
    );
  });
  return pages;
}

function composeLetter(
  blocks: readonly Block[],
  measure: Measure,
  g: LetterGeometry,
  size: number,
  leading: number,
): LaidOutPage[] {
  const left = g.margin.left;
  const right = g.page.width - g.margin.right;
  const measureWidth = right - left;
  const lineHeight = size * leading;
  const pageTop = g.page.height - g.margin.top;
  const pages: LaidOutPage[] = [];
  let page: LaidOutPage = { lines: [], rules: [], seal: null };
  /** The box top of each body line on the page, to carry the last ones over with a sign-off. */
  let bodyTops: Array<{ line: PlacedLine; top: number }> = [];
  let y = pageTop; // the top of the next line's box
  const newPage = () => {
    pages.push(page);
    page = { lines: [], rules: [], seal: null };
    bodyTops = [];
    y = pageTop;
  };
  /** Reserves `height` below y, starting a page when it does not fit; returns the box top. */
  const take = (height: number) => {
    if (y - height < g.margin.bottom && page.lines.length > 0) newPage();
    const top = y;
    y -= height;
    return top;
  };
  /** Makes room for a closing block of `height`: if it does not fit, it goes over with the last lines. */
  const keepWithLines = (height: number) => {
    if (y - height >= g.margin.bottom) return;
    const carried = bodyTops.slice(-KEEP_WITH_NEXT);
    const moved = new Set(carried.map((c) => c.line));
    page.lines = page.lines.filter((l) => !moved.has(l));
    const first = carried[0]?.top ?? y;
    const bottom = y;
    newPage();
    const shift = pageTop - first;
    for (const { line } of carried) page.lines.push({ ...line, y: line.y + shift });
    y = bottom + shift;
  };
  const baseline = (top: number, lineSize: number, height: number) => top - (height - lineSize) / 2 - lineSize * EM_TOP;

  for (const block of blocks) {
    switch (block.kind) {
      case 'title': {
        const titleSize = g.titleSize;
        const titleHeight = titleSize * 1.6;
        for (const line of breakLines(block.text, measure, titleSize, measureWidth, measureWidth, false)) {
          const top = take(titleHeight);
          const x = left + (measureWidth - line.width) / 2;
          page.lines.push(
            placeLine(line, measure, x, baseline(top, titleSize, titleHeight), titleSize, line.width, true),
          );
        }
        y -= lineHeight * 0.6;
        break;
      }
      case 'gap':
        y -= lineHeight * block.lines;
        break;
      case 'paragraph':
      case 'line': {
        const indent = block.kind === 'paragraph' ? 2 * size : 0;
        const align = block.kind === 'line' ? block.align : 'left';
        const justify = block.kind === 'paragraph';
        for (const [i, line] of breakLines(
          block.text,
          measure,
          size,
          measureWidth - indent,
          measureWidth,
          justify,
        ).entries()) {
          const top = take(lineHeight);
          const offset = i === 0 ? indent : 0;
          const x =
            align === 'left'
              ? left + offset
              : align === 'center'
                ? left + (measureWidth - line.width) / 2
                : right - line.width;
          const placed = placeLine(line, measure, x, baseline(top, size, lineHeight), size, measureWidth - offset);
          page.lines.push(placed);
          bodyTops.push({ line: placed, top });
        }
        break;
      }
      case 'signOff': {
        // The block ends two characters in from the right margin; its lines are centred on each other.
        const widths = block.lines.map((l) => measure.width(l, size));
        const blockWidth = Math.min(measureWidth, Math.max(0, ...widths));
        const blockRight = Math.max(left + blockWidth, right - 2 * size);
        const blockCentre = blockRight - blockWidth / 2;
        keepWithLines(lineHeight * (block.gap + block.lines.length));
        y -= lineHeight * block.gap;
        const baselines: number[] = [];
        block.lines.forEach((text, i) => {
          const top = take(lineHeight);
          const line = { text, width: widths[i]!, justify: false };
          const yb = baseline(top, size, lineHeight);
          baselines.push(yb);
          page.lines.push(placeLine(line, measure, blockCentre - line.width / 2, yb, size, line.width));
        });
        if (block.seal && baselines.length > 0) {
          // Stamped centred over the sign-off, which sits a little below the seal's centre.
          const first = baselines[0]!;
          const last = baselines[baselines.length - 1]!;
          const textCentre = (first + size * EM_TOP + last - size * 0.12) / 2;
          const centreY = textCentre + g.sealSize * 0.12;
          page.seal = { x: blockCentre - g.sealSize / 2, y: centreY - g.sealSize / 2, size: g.sealSize };
        }
        break;
      }
      case 'signature': {
        // 承诺人（签名）：＿＿＿＿＿＿ and, below it, 日期：　　年　　月　　日, both at the right.
        const blank = 7 * size;
        const labelWidth = measure.width(block.label, size);
        const dateText = '日期：　　　　年　　月　　日';
        const blockWidth = Math.max(labelWidth + blank, measure.width(dateText, size));
        const x = right - 2 * size - blockWidth;
        const rowHeight = lineHeight * 1.4;
        keepWithLines(lineHeight * block.gap + rowHeight * (block.date ? 2 : 1));
        y -= lineHeight * block.gap;
        const top = take(rowHeight);
        const yb = baseline(top, size, rowHeight);
        page.lines.push(
          placeLine({ text: block.label, width: labelWidth, justify: false }, measure, x, yb, size, labelWidth),
        );
        page.rules.push({ x1: x + labelWidth, x2: x + labelWidth + blank, y: yb - size * 0.18 });
        if (block.date) {
          const dateTop = take(rowHeight);
          const line = { text: dateText, width: measure.width(dateText, size), justify: false };
          page.lines.push(placeLine(line, measure, x, baseline(dateTop, size, rowHeight), size, blockWidth));
        }
        break;
      }
    }
  }
  pages.push(page);
  return pages;
}

// ── Fields on a background page ────────────────────────────────────────────────────
export interface FieldSpec {
  text: string;
  /** Top-left of the box in points from the page's top-left. */
  x: number;
  y: number;
  size: number;
  width: number | null;
  align: 'left' | 'center' | 'right';
}

/** Places a field's text on a page `pageHeight` tall; a field with a width wraps and justifies. */
export function layoutField(field: FieldSpec, measure: Measure, pageHeight: number): PlacedLine[] {
  const lineHeight = field.size * 1.5;
  const firstBaseline = pageHeight - field.y - field.size * EM_TOP;
  if (field.width === null) {
    const width = measure.width(field.text, field.size);
    const x = field.align === 'left' ? field.x : field.align === 'center' ? field.x - width / 2 : field.x - width;
    return [placeLine({ text: field.text, width, justify: false }, measure, x, firstBaseline, field.size, width)];
  }
  const boxWidth = field.width;
  return breakLines(field.text, measure, field.size, boxWidth, boxWidth, true).map((line, i) => {
    const x =
      line.justify || field.align === 'left'
        ? field.x
        : field.align === 'center'
          ? field.x + (boxWidth - line.width) / 2
          : field.x + boxWidth - line.width;
    return placeLine(line, measure, x, firstBaseline - i * lineHeight, field.size, boxWidth);
  });
}
