/**
 * One document read: its pages' text and what the text says (type, year, people, fields).
 * The app reads in the PDF engine's workers (`readDocument`), so OCR never holds up its process;
 * tests and benchmarks may read in their own process (`readDocumentHere`), with the same code.
 */
import { extractDocument } from '../../../shared/reading/extract';
import type { DocumentReading, ReadScope } from '../../../shared/reading/types';
import type { JobOptions, PdfEngine } from '../pdf/engine';
import type { FileInput } from '../pdf/requests';
import type { ReadPagesOptions } from './readPages';

export async function readDocument(
  engine: Pick<PdfEngine, 'readPages'>,
  input: FileInput,
  options: JobOptions & { pages?: ReadScope; modelDir?: string } = {},
): Promise<DocumentReading> {
  const pages = await engine.readPages(input, options.pages ?? 'enough', options);
  return { pages, ...extractDocument(pages) };
}

export async function readDocumentHere(
  bytes: Uint8Array,
  name: string,
  options: ReadPagesOptions = {},
): Promise<DocumentReading> {
  // Loaded here only: the app reads in the engine's processes and never loads the OCR itself.
  const { readPages } = await import('./readPages');
  const pages = await readPages(bytes, name, options);
  return { pages, ...extractDocument(pages) };
}
