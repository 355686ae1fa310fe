/** One document read: its pages' text and what the text says (type, year, people, fields). */
import { extractDocument } from '../../../shared/reading/extract';
import type { DocumentReading } from '../../../shared/reading/types';
import { readPages, type ReadPagesOptions } from './readPages';

export async function readDocument(
  bytes: Uint8Array,
  name: string,
  options: ReadPagesOptions = {},
): Promise<DocumentReading> {
  const pages = await readPages(bytes, name, options);
  return { pages, ...extractDocument(pages) };
}
