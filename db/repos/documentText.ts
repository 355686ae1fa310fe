/**
 * The text of filed documents, for search by content. FTS5 with the trigram tokenizer (rowid =
 * documents.id) finds any substring of three characters or more, so Chinese needs no word list;
 * a shorter word (a two-character name) is matched with LIKE on the same table. Only documents
 * in use are found: a trashed one keeps its text, hidden, so restoring it from the trash makes it
 * searchable again; a deleted one takes its text with it.
 */
import type { Db } from '../open';

export interface TextHit {
  documentId: number;
  personId: number;
  personName: string;
  materialType: string;
  year: number | null;
  fileName: string;
  /** The passage around the first match, cut into plain and matched parts (never HTML). */
  snippet: Array<{ text: string; hit: boolean }>;
}

export interface TextSearch {
  personId?: number;
  limit?: number;
}

/** Trigram indexes three characters at a time: shorter words go through LIKE. */
const TRIGRAM = 3;
const SNIPPET_BEFORE = 24;
const SNIPPET_LENGTH = 120;

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
/**
 * OCR and text layers put spaces between Chinese characters (「基 本 合 格」, 「2023 年度」, table cells):
 * they go, so a phrase is found however the page spaced it. Chinese reads the same without them.
 */
const SPACED = new RegExp(`(?<=[${CJK}])[ \\t\\u00a0]+(?=[${CJK}0-9])|(?<=[0-9])[ \\t\\u00a0]+(?=[${CJK}])`, 'g');

export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(SPACED, '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/** The words of a query: each must be found. */
export function queryWords(query: string): string[] {
  return [...new Set(query.split(/\s+/).filter(Boolean))];
}

const length = (word: string) => [...word].length;
const phrase = (word: string) => `"${word.replaceAll('"', '""')}"`;
const likePattern = (word: string) => `%${word.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** The first match's surroundings, with every word's occurrences in it marked. */
export function snippetOf(text: string, words: readonly string[]): TextHit['snippet'] {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const needles = words.map((w) => w.toLowerCase());
  const first = Math.min(...needles.map((w) => lower.indexOf(w)).filter((i) => i >= 0), flat.length);
  const start = Math.max(0, first - SNIPPET_BEFORE);
  const end = Math.min(flat.length, start + SNIPPET_LENGTH);
  const marks: boolean[] = new Array<boolean>(end - start).fill(false);
  for (const needle of needles) {
    for (let i = lower.indexOf(needle, start); i >= 0 && i < end; i = lower.indexOf(needle, i + 1)) {
      for (let j = i; j < Math.min(end, i + needle.length); j++) marks[j - start] = true;
    }
  }
  const parts: TextHit['snippet'] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  for (let i = start; i < end;) {
    let j = i;
    while (j < end && marks[j - start] === marks[i - start]) j++;
    parts.push({ text: flat.slice(i, j), hit: marks[i - start]! });
    i = j;
  }
  if (end < flat.length) parts.push({ text: '…', hit: false });
  return parts;
}

export function createDocumentTextRepo(db: Db) {
  const sqlite = db.$client;
  const remove = sqlite.prepare('DELETE FROM document_text WHERE rowid = ?');
  const insert = sqlite.prepare('INSERT INTO document_text (rowid, text) VALUES (?, ?)');
  const get = sqlite.prepare('SELECT text FROM document_text WHERE rowid = ?').pluck();
  return {
    /** Keeps a filed document's text, replacing what was kept for it before. */
    put(documentId: number, text: string): void {
      sqlite.transaction(() => {
        remove.run(documentId);
        const kept = normaliseText(text);
        if (kept) insert.run(documentId, kept);
      })();
    },
    remove(documentId: number): void {
      remove.run(documentId);
    },
    get(documentId: number): string | null {
      return (get.get(documentId) as string | undefined) ?? null;
    },
    /** Documents in use whose text holds every word of the query, best matches first. */
    search(query: string, options: TextSearch = {}): TextHit[] {
      const words = queryWords(query);
      if (words.length === 0) return [];
      const long = words.filter((w) => length(w) >= TRIGRAM);
      const short = words.filter((w) => length(w) < TRIGRAM);
      const where = ["d.status = 'active'", 'd.employee_id IS NOT NULL'];
      const params: unknown[] = [];
      if (long.length > 0) {
        where.push('document_text MATCH ?');
        params.push(long.map(phrase).join(' AND '));
      }
      for (const word of short) {
        where.push("document_text.text LIKE ? ESCAPE '\\'");
        params.push(likePattern(word));
      }
      if (options.personId !== undefined) {
        where.push('d.employee_id = ?');
        params.push(options.personId);
      }
      const rows = sqlite
        .prepare(
          `SELECT d.id AS documentId, d.employee_id AS personId, e.name AS personName, d.material_type AS materialType,
                  d.year, d.file_name AS fileName, document_text.text AS text
           FROM document_text
           JOIN documents d ON d.id = document_text.rowid
           JOIN employees e ON e.id = d.employee_id
           WHERE ${where.join(' AND ')}
           ORDER BY ${long.length > 0 ? 'document_text.rank, ' : ''}d.id DESC
           LIMIT ?`,
        )
        .all(...params, options.limit ?? 50) as Array<Omit<TextHit, 'snippet'> & { text: string }>;
      return rows.map(({ text, ...row }) => ({ ...row, snippet: snippetOf(text, words) }));
    },
  };
}
export type DocumentTextRepo = ReturnType<typeof createDocumentTextRepo>;
