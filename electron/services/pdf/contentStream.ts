/**
 * Just enough of a content-stream interpreter to learn where images are drawn: it tracks the
 * current transformation matrix through q/Q/cm and reports each `Do` with the matrix in force.
 * Text, paths and colours are skipped; strings, dictionaries and inline images are stepped over
 * so their bytes are never mistaken for operators.
 */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n, in PDF's row-vector convention: apply m first, then n. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Calls `onDo(name, ctm)` for every XObject drawn by `bytes`, starting from `start`. */
export function walkContent(bytes: Uint8Array, start: Matrix, onDo: (name: string, ctm: Matrix) => void): void {
  let ctm = start;
  const stack: Matrix[] = [];
  const numbers: number[] = [];
  let lastName: string | null = null;
  let i = 0;
  const n = bytes.length;
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  while (i < n) {
    const c = bytes[i]!;
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++; // comment
    } else if (c === 0x28) {
      // literal string, with nesting and escapes
      let depth = 0;
      for (; i < n; i++) {
        const b = bytes[i]!;
        if (b === 0x5c) i++;
        else if (b === 0x28) depth++;
        else if (b === 0x29 && --depth === 0) break;
      }
      i++;
      numbers.length = 0;
    } else if (c === 0x3c && bytes[i + 1] !== 0x3c) {
      while (i < n && bytes[i] !== 0x3e) i++; // hex string
      i++;
      numbers.length = 0;
    } else if (c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i += c === 0x3c || c === 0x3e ? 2 : 1;
      if (c !== 0x5d) numbers.length = 0;
    } else if (c === 0x2f) {
      const from = ++i;
      while (i < n && !WHITESPACE.has(bytes[i]!) && !DELIMITERS.has(bytes[i]!)) i++;
      lastName = text(from, i);
      numbers.length = 0;
    } else {
      const from = i;
      while (i < n && !WHITESPACE.has(bytes[i]!) && !DELIMITERS.has(bytes[i]!)) i++;
      if (i === from) {
        i++;
        continue;
      }
      const token = text(from, i);
      const value = Number(token);
      if (token !== '' && !Number.isNaN(value) && /^[+-]?(\d|\.)/.test(token)) {
        numbers.push(value);
        if (numbers.length > 6) numbers.shift();
        continue;
      }
      if (token === 'q') stack.push(ctm);
      else if (token === 'Q') ctm = stack.pop() ?? ctm;
      else if (token === 'cm' && numbers.length === 6) ctm = multiply(numbers as Matrix, ctm);
      else if (token === 'Do' && lastName !== null) onDo(lastName, ctm);
      else if (token === 'ID') i = skipInlineImage(bytes, i);
      numbers.length = 0;
      lastName = null;
    }
  }
}

/** Inline image data runs to the first `EI` between whitespace. */
function skipInlineImage(bytes: Uint8Array, from: number): number {
  for (let i = from + 1; i < bytes.length - 2; i++) {
    if (
      bytes[i] === 0x45 &&
      bytes[i + 1] === 0x49 &&
      WHITESPACE.has(bytes[i - 1]!) &&
      (i + 2 === bytes.length || WHITESPACE.has(bytes[i + 2]!) || DELIMITERS.has(bytes[i + 2]!))
    )
      return i + 2;
  }
  return bytes.length;
}
