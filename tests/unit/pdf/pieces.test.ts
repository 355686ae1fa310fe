/** The engine's small parts, on their own: type sniffing, the content-stream walk, argument parsing. */
import { describe, expect, it } from 'vitest';
import { parseMaxBytes } from '../../../electron/hosts/cli/pdfCommands';
import { walkContent, IDENTITY, type Matrix } from '../../../electron/services/pdf/contentStream';
import { parsePageList } from '../../../electron/services/pdf/pageList';
import { sniff } from '../../../electron/services/pdf/sniff';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniff', () => {
  it('tells files by their first bytes, not their names', () => {
    expect(sniff(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(sniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniff(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('png');
    expect(sniff(bytes('II*\0'))).toBe('tiff');
    expect(sniff(bytes('\0\0\0\x18ftypheic'))).toBe('heic');
    expect(sniff(bytes('\0\0\0\x18ftypmif1'))).toBe('heic');
    expect(sniff(bytes('junk\n%PDF-1.4'))).toBe('pdf-with-junk');
    expect(sniff(bytes('hello'))).toBe('unknown');
  });
});

describe('walkContent', () => {
  const draws = (content: string) => {
    const seen: Array<[string, Matrix]> = [];
    walkContent(bytes(content), IDENTITY, (name, ctm) => seen.push([name, ctm]));
    return seen;
  };

  it('reports each Do with the matrix in force through q, cm and Q', () => {
    expect(draws('q 595 0 0 842 0 0 cm /Im0 Do Q /Im1 Do')).toEqual([
      ['Im0', [595, 0, 0, 842, 0, 0]],
      ['Im1', [1, 0, 0, 1, 0, 0]],
    ]);
    expect(draws('q 2 0 0 2 0 0 cm q 100 0 0 50 10 10 cm /X Do Q Q')[0]![1]).toEqual([200, 0, 0, 100, 20, 20]);
  });

  it('is not fooled by strings, comments and inline images', () => {
    const content =
      'BT (a /Fake Do \\) (q) Q) Tj ET % /Nope Do\nBI /W 2 /H 2 ID \x00Do EI Q\nEI q 10 0 0 10 0 0 cm /Real Do Q';
    expect(draws(content).map(([name]) => name)).toEqual(['Real']);
  });
});

describe('arguments', () => {
  it('reads sizes the way portals state them', () => {
    expect(parseMaxBytes('512000')).toBe(512000);
    expect(parseMaxBytes('500KB')).toBe(512000);
    expect(parseMaxBytes('2MB')).toBe(2 * 1024 * 1024);
    expect(parseMaxBytes('10000k')).toBe(10_240_000);
    expect(() => parseMaxBytes('big')).toThrow(/--max-bytes/);
  });

  it('reads page lists', () => {
    expect(parsePageList('1-3,5')).toEqual([1, 2, 3, 5]);
    expect(parsePageList('3，1')).toEqual([3, 1]);
    expect(() => parsePageList('a-b')).toThrow(/页码/);
  });
});
