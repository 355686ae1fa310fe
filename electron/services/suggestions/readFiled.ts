/**
 * A filed document read again at HR's asking (材料 › 识别): the inbox OCRs only what its name leaves
 * in doubt, so a scan HR had named was filed unread: no text to search, no records suggested.
 * Every page is read here, in the engine's workers; the text is kept for search and what it says
 * becomes suggestions, as if the inbox had read it.
 */
import type { Repos } from '../../../db';
import { notFound } from '../../../shared/api/errors';
import { textOfPages } from '../../../shared/reading/extract';
import type { Library } from '../library/library';
import type { JobOptions, PdfEngine } from '../pdf/engine';
import { readDocument } from '../reading/readDocument';
import type { SuggestionsService } from './suggestionsService';

export interface FiledReading {
  pages: number;
  /** Pages that needed OCR (no text layer). */
  ocrPages: number;
  /** Suggestions made or renewed (pending); one already decided is not offered again. */
  suggestions: number;
}

export function createFiledReader(deps: {
  repos: Repos;
  library: Library;
  engine: Pick<PdfEngine, 'readPages'>;
  suggestions: Pick<SuggestionsService, 'suggest'>;
  modelDir?: string;
}) {
  return async (documentId: number, options: JobOptions = {}): Promise<FiledReading> => {
    const doc = deps.repos.documents.get(documentId);
    if (!doc || doc.status !== 'active') throw notFound('该材料');
    const reading = await readDocument(
      deps.engine,
      { path: deps.library.absolute(doc.storedPath), name: doc.fileName },
      { ...options, pages: 'all', modelDir: deps.modelDir },
    );
    const text = textOfPages(reading.pages);
    if (text) deps.repos.documentText.put(doc.id, text);
    // A stack's original belongs to no one: its text is searchable, its records are its parts'.
    const made = doc.employeeId ? deps.suggestions.suggest(doc.id, doc.employeeId, reading.fields) : [];
    return {
      pages: reading.pages.length,
      ocrPages: reading.pages.filter((p) => p.source === 'ocr').length,
      suggestions: made.filter((m) => m.outcome !== 'decided').length,
    };
  };
}
