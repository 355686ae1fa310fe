/**
 * Fonts for letters: the system's 仿宋/宋体 when installed, then the shipped Noto Serif SC, each
 * parsed once per process and shared by every letter. Upstream fontkit 2 does the parsing and the
 * subsetting (@pdf-lib/fontkit silently corrupts CJK subsets); a small adapter lets pdf-lib 1.17
 * use it and hands it the cached font instead of re-parsing the bytes for each document.
 */
import type * as fontkit from 'fontkit';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { fontkitLib } from '../lazyLibraries';
import { resourcePath } from './resources';

export interface FontFile {
  path: string;
  /** The PostScript name of the face inside a .ttc collection. */
  face?: string;
}

export interface LoadedFace {
  /** e.g. 'SimSun', 'NotoSerifSC-Regular'. */
  name: string;
  path: string;
  source: 'system' | 'bundled' | 'given';
  font: fontkit.Font;
  /** What pdf-lib is given instead of the font's bytes: the adapter's key to the parsed font. */
  key: Uint8Array;
  /** Advance widths in em by code point, filled as characters are met. */
  advances: Map<number, number>;
}

export const BUNDLED_FONT = 'fonts/NotoSerifSC-Regular.ttf';

/** Latin ligatures would make pdf-lib's glyphs differ from what was measured; kerning it ignores anyway. */
export const FONT_FEATURES = { liga: false, clig: false, calt: false, dlig: false };

// System fonts worth preferring, in order: 仿宋 for the body of official letters, then 宋体, and
// SimSun-ExtB (CJK Extension B) as a late fallback for rare characters in names.
const SYSTEM_FONTS: Array<{ file: string; face?: string; late?: boolean }> = [
  { file: 'simfang.ttf' },
  { file: 'simsun.ttc', face: 'SimSun' },
  { file: 'simsun.ttf' },
  { file: 'simsunb.ttf', late: true },
];

function systemFontDirs(): string[] {
  const home = homedir();
  if (process.platform === 'win32') {
    return [
      join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
      join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Microsoft', 'Windows', 'Fonts'),
    ];
  }
  if (process.platform === 'darwin') return ['/Library/Fonts', join(home, 'Library', 'Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.fonts'), join(home, '.local', 'share', 'fonts')];
}

/** Finds files by lower-case name in the folders, a few levels deep (Linux keeps fonts in subfolders). */
function findFiles(dirs: readonly string[], names: ReadonlySet<string>, depth = 4): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string, level: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const lower = entry.name.toLowerCase();
      if (entry.isFile() && names.has(lower) && !found.has(lower)) found.set(lower, full);
      else if (entry.isDirectory() && level < depth) walk(full, level + 1);
    }
  };
  for (const dir of dirs) walk(dir, 1);
  return found;
}

let systemFontsFound: Array<FontFile & { late: boolean }> | null = null;

/** The preferred system fonts present on this machine (looked up once per process), or in `dirs`. */
export function systemFonts(dirs?: readonly string[]): Array<FontFile & { late: boolean }> {
  if (systemFontsFound && !dirs) return systemFontsFound;
  const found = findFiles(dirs ?? systemFontDirs(), new Set(SYSTEM_FONTS.map((f) => f.file)));
  const fonts = SYSTEM_FONTS.flatMap((f) => {
    const path = found.get(f.file);
    return path ? [{ path, late: f.late === true, ...(f.face ? { face: f.face } : {}) }] : [];
  });
  if (!dirs) systemFontsFound = fonts;
  return fonts;
}

const parsed = new Map<string, LoadedFace>();
const byKey = new Map<Uint8Array, LoadedFace>();

/** Parses a font file once per process; a collection needs the face's PostScript name. */
export function loadFace(file: FontFile, source: LoadedFace['source']): LoadedFace {
  const cacheKey = `${file.path}#${file.face ?? ''}`;
  const cached = parsed.get(cacheKey);
  if (cached) return cached;
  const made = fontkitLib().create(readFileSync(file.path), file.face);
  if (!made || !('glyphForCodePoint' in made)) {
    const faces = made && 'fonts' in made ? made.fonts.map((f) => f.postscriptName).join('、') : '';
    throw new Error(`字体文件「${basename(file.path)}」是字体集合，需要指定字体名${faces ? `（可选：${faces}）` : ''}`);
  }
  // pdf-lib asks the parsed font for subsets: give them the stream interface it expects.
  const createSubset = made.createSubset.bind(made);
  Object.defineProperty(made, 'createSubset', { value: () => withEncodeStream(createSubset()) });
  // Each letter's subset decodes its glyphs again to find composite parts: decode each glyph once.
  const getGlyph = (
    made as unknown as { getGlyph(id: number, cps?: number[]): { _decode(): unknown } | null }
  ).getGlyph.bind(made);
  const decoded = new WeakSet<object>();
  Object.defineProperty(made, 'getGlyph', {
    value: (id: number, codePoints?: number[]) => {
      const glyph = getGlyph(id, codePoints);
      if (glyph && typeof glyph._decode === 'function' && !decoded.has(glyph)) {
        decoded.add(glyph);
        const decode = glyph._decode.bind(glyph);
        let memo: { value: unknown } | null = null;
        glyph._decode = () => (memo ??= { value: decode() }).value;
      }
      return glyph;
    },
  });
  // pdf-lib lays out every string it encodes, and letters repeat the same sentences: remember runs.
  const layout = made.layout.bind(made);
  const runs = new Map<string, fontkit.GlyphRun>();
  Object.defineProperty(made, 'layout', {
    value: (text: string, features?: Record<string, boolean> | string[]) => {
      if (features !== FONT_FEATURES) return layout(text, features);
      let run = runs.get(text);
      if (!run) {
        if (runs.size >= 20_000) runs.clear();
        run = layout(text, features);
        runs.set(text, run);
      }
      return run;
    },
  });
  const face: LoadedFace = {
    name: made.postscriptName,
    path: file.path,
    source,
    font: made,
    key: new TextEncoder().encode(cacheKey),
    advances: new Map(),
  };
  parsed.set(cacheKey, face);
  byKey.set(face.key, face);
  return face;
}

/** The faces letters are set in, first choice first; each character uses the first face that has it. */
export class FontStack {
  constructor(readonly faces: readonly LoadedFace[]) {
    if (faces.length === 0) throw new Error('没有可用的字体');
  }

  private readonly faceOf = new Map<number, number>();

  /** Index of the first face with a glyph for the code point, or -1. */
  faceFor(codePoint: number): number {
    let index = this.faceOf.get(codePoint);
    if (index === undefined) {
      index = this.faces.findIndex((face) => face.font.hasGlyphForCodePoint(codePoint));
      this.faceOf.set(codePoint, index);
    }
    return index;
  }

  /** The characters of `text` no face can show (whitespace aside), each once. */
  missing(text: string): string[] {
    const missing = new Set<string>();
    for (const ch of text) {
      if (/\s/.test(ch)) continue;
      if (this.faceFor(ch.codePointAt(0)!) < 0) missing.add(ch);
    }
    return [...missing];
  }

  /** Advance width of a character in em, in the face that shows it. */
  advance(ch: string, faceIndex: number): number {
    const face = this.faces[faceIndex]!;
    const cp = ch.codePointAt(0)!;
    let em = face.advances.get(cp);
    if (em === undefined) {
      const glyph = face.font.layout(ch, FONT_FEATURES).glyphs[0];
      em = (glyph?.advanceWidth ?? face.font.unitsPerEm) / face.font.unitsPerEm;
      face.advances.set(cp, em);
    }
    return em;
  }

  describe(): string {
    return this.faces
      .map((f) => `${f.name}（${f.source === 'bundled' ? '随附' : f.source === 'system' ? '系统' : '指定'}）`)
      .join(' → ');
  }
}

export interface FontChoice {
  /** Use these files instead of looking (tests, or a font the user picked). */
  files?: FontFile[];
  /** false: only the shipped font, whatever the system has. Default true. */
  preferSystem?: boolean;
  /** Where to look for system fonts instead of the usual folders (tests). */
  systemDirs?: string[];
  resourcesDir?: string;
}

/** The font stack for letters: given files or the system's 仿宋/宋体, then the shipped Noto Serif SC. */
export function fontStack(choice: FontChoice = {}): FontStack {
  const bundled = loadFace({ path: resourcePath(BUNDLED_FONT, choice.resourcesDir) }, 'bundled');
  if (choice.files) return new FontStack([...choice.files.map((f) => loadFace(f, 'given')), bundled]);
  if (choice.preferSystem === false) return new FontStack([bundled]);
  const system = systemFonts(choice.systemDirs).flatMap((f) => {
    try {
      return [{ face: loadFace(f, 'system'), late: f.late }];
    } catch {
      return []; // an unreadable or odd system font: the shipped one serves
    }
  });
  return new FontStack([
    ...system.filter((s) => !s.late).map((s) => s.face),
    bundled,
    ...system.filter((s) => s.late).map((s) => s.face),
  ]);
}

/** Gives a fontkit 2 subset the `encodeStream()` pdf-lib 1.17 calls (fontkit 2 only has `encode()`). */
function withEncodeStream(subset: fontkit.Subset) {
  return Object.assign(subset, {
    encodeStream() {
      const stream = new EventEmitter();
      setImmediate(() => {
        try {
          stream.emit('data', subset.encode());
          stream.emit('end');
        } catch (error) {
          stream.emit('error', error);
        }
      });
      return stream;
    },
  });
}

/** What `registerFontkit` receives: `create` returns the cached parsed font for the key pdf-lib was given. */
const adapter = {
  create(key: Uint8Array): fontkit.Font {
    const face = byKey.get(key);
    if (!face) throw new Error('字体未加载');
    return face.font;
  },
};

/** Embeds a face into a document as a subset holding only the glyphs drawn. */
export async function embedFace(doc: PDFDocument, face: LoadedFace): Promise<PDFFont> {
  doc.registerFontkit(adapter as never);
  return doc.embedFont(face.key, { subset: true, features: FONT_FEATURES });
}
