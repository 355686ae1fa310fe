/**
 * The lossless step before any re-encoding: drop objects nothing refers to (left behind by
 * incremental saves) and write the rest with object streams.
 */
import { PDFArray, PDFDict, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';

export function pruneUnreachable(doc: PDFDocument): number {
  const context = doc.context;
  const reached = new Set<string>();
  const queue: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter(
    (o): o is PDFObject => o !== undefined,
  );
  while (queue.length > 0) {
    const object = queue.pop()!;
    if (object instanceof PDFRef) {
      const key = object.toString();
      if (reached.has(key)) continue;
      reached.add(key);
      const target = context.lookup(object);
      if (target) queue.push(target);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) queue.push(value);
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) queue.push(value);
    } else if (object instanceof PDFStream) {
      queue.push(object.dict);
    }
  }
  let dropped = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref.toString())) {
      context.delete(ref);
      dropped++;
    }
  }
  return dropped;
}

export function saveCompact(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}
