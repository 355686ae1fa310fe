/** Real small PDFs for documents in tests: one page with a line of text, padded to at least a chosen size. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function smallPdf(label: string, padToBytes = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(label.replace(/[^\x20-\x7e]/g, '?'), {
    x: 72,
    y: 760,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  // Padding as an unused metadata string keeps the file a valid PDF of the wanted size.
  if (padToBytes > 0) doc.setSubject('x'.repeat(padToBytes));
  return doc.save({ useObjectStreams: padToBytes === 0 });
}
