/**
 * PDFDocument.load with a bound on what pdf-lib inflates while parsing. Object streams (/ObjStm,
 * the objects of a compressed PDF) and cross-reference streams are unpacked whole as they are
 * met, before any page is looked at: a megabyte of deflated spaces there is a gigabyte in memory.
 * Here each is inflated through an inflation budget first and handed to pdf-lib already decoded,
 * so a crafted file is refused as damaged before it can grow.
 */
import { PDFDocument, PDFName, PDFParser, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { inflationBudget, MAX_DOCUMENT_BYTES, MAX_STREAM_BYTES, type InflationBudget } from './inflation';

/**
 * The content streams' bounds: real object streams are kilobytes, but a document's metadata may
 * hold a long string (a test file's 24 MB subject), and an object stream carries it.
 */
export const LOAD_LIMITS = { stream: MAX_STREAM_BYTES, document: MAX_DOCUMENT_BYTES };

/** The streams pdf-lib itself unpacks while parsing, told as it tells them. */
const packed = (type: PDFObject | undefined) => type === PDFName.of('ObjStm') || type === PDFName.of('XRef');

class BoundedParser extends PDFParser {
  /** The refusal, kept: pdf-lib catches errors inside an object and tries to read past it. */
  refusal: Error | null = null;
  private readonly budget: InflationBudget;

  constructor(bytes: Uint8Array, fileName: string, throwOnInvalidObject: boolean) {
    super(bytes, Infinity, throwOnInvalidObject);
    this.budget = inflationBudget(fileName, LOAD_LIMITS);
  }

  override parseObject(): PDFObject {
    const object = super.parseObject();
    if (!(object instanceof PDFRawStream)) return object;
    if (!packed(object.dict.lookup(PDFName.of('Type')))) return object;
    let decoded: Uint8Array;
    try {
      decoded = this.budget.decode(object);
    } catch (error) {
      this.refusal ??= error as Error;
      throw error;
    }
    // pdf-lib reads a stream without a filter as it stands: it will not inflate this one again.
    object.dict.delete(PDFName.of('Filter'));
    return PDFRawStream.of(object.dict, decoded);
  }
}

export interface LoadOptions {
  /** Refuse a file with objects pdf-lib cannot parse (openPdf), rather than skip them. */
  throwOnInvalidObject?: boolean;
  /** Open an encrypted file anyway (its streams stay ciphertext); otherwise pdf-lib refuses it. */
  ignoreEncryption?: boolean;
}

type DocumentConstructor = new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument;

/** The document, never with more than LOAD_LIMITS inflated while parsing (PDF_DAMAGED past it). */
export async function loadBounded(
  bytes: Uint8Array,
  fileName: string,
  options: LoadOptions = {},
): Promise<PDFDocument> {
  const parser = new BoundedParser(bytes, fileName, options.throwOnInvalidObject ?? false);
  let context: PDFContext;
  try {
    context = await parser.parseDocument();
  } catch (error) {
    throw parser.refusal ?? error;
  }
  if (parser.refusal) throw parser.refusal;
  // What PDFDocument.load does after parsing; its constructor is private to TypeScript only.
  return new (PDFDocument as unknown as DocumentConstructor)(context, options.ignoreEncryption ?? false, false);
}
