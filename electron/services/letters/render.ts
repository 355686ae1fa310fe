/**
 * Writes laid-out letters into a PDF: real text (subset fonts, selectable and searchable), the
 * seal image once per document however many pages carry it, stamped with a multiply blend so the
 * text under it stays legible as under real ink, and imported backgrounds for overlay templates.
 * One writer makes one file: a single letter, or the merged print file of a whole run.
 */
import { deflateSync } from 'node:zlib';
import {
  PDFDocument,
  PDFName,
  PDFPage,
  TextRenderingMode,
  beginText,
  concatTransformationMatrix,
  degrees,
  drawObject,
  endText,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setCharacterSpacing,
  setFillingColor,
  setFontAndSize,
  setGraphicsState,
  setLineWidth,
  setStrokingColor,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  stroke,
  type PDFEmbeddedPage,
  type PDFFont,
  type PDFOperator,
  type PDFRef,
} from 'pdf-lib';
import { embedFace, type FontStack } from './fonts';
import type { LaidOutPage, PlacedLine, Rule, SealBox } from './layout';
import { embedSealStreams, type SealStreams } from './seal';

export interface DocumentInfo {
  title: string;
  subject?: string;
  /** Fixed so the same letter gives the same bytes. */
  date: Date;
}

export interface Background {
  /** Cache key within a writer (the library document id). */
  key: string;
  doc: PDFDocument;
  pageIndex: number;
}

/** The page as the user sees it: size after the source's /Rotate, and how to draw the source on it. */
export interface BackgroundGeometry {
  width: number;
  height: number;
}

export class LetterWriter {
  private readonly fonts = new Map<number, PDFFont>();
  private readonly seals = new Map<SealStreams, PDFRef>();
  private readonly backgrounds = new Map<string, { page: PDFEmbeddedPage; rotation: number }>();
  private multiply: PDFRef | null = null;
  pages = 0;

  private constructor(
    readonly doc: PDFDocument,
    private readonly stack: FontStack,
  ) {}

  static async create(stack: FontStack, info: DocumentInfo): Promise<LetterWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(info.title);
    if (info.subject) doc.setSubject(info.subject);
    doc.setCreator('职称申报工作台');
    doc.setProducer('职称申报工作台 (pdf-lib, fontkit)');
    doc.setCreationDate(info.date);
    doc.setModificationDate(info.date);
    doc.setLanguage('zh-CN');
    // Font programs and their ToUnicode maps: deflate with Node's zlib rather than pako.
    const context = doc.context;
    context.flateStream = (contents, dict = {}) =>
      context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), {
        ...dict,
        Filter: 'FlateDecode',
      });
    return new LetterWriter(doc, stack);
  }

  private async font(face: number): Promise<PDFFont> {
    let font = this.fonts.get(face);
    if (!font) {
      font = await embedFace(this.doc, this.stack.faces[face]!);
      this.fonts.set(face, font);
    }
    return font;
  }

  /** Adds one A4 (or background-sized) page per laid-out page. */
  async addPages(
    laidOut: readonly LaidOutPage[],
    size: { width: number; height: number },
    seal: SealStreams | null,
    background: Background | null = null,
  ): Promise<void> {
    for (const content of laidOut) {
      const page = this.doc.addPage([size.width, size.height]);
      this.pages++;
      if (background) await this.drawBackground(page, background);
      await this.drawLines(page, content.lines);
      this.drawRules(page, content.rules);
      if (seal && content.seal) this.drawSeal(page, seal, content.seal);
    }
  }

  /** The visible size of a background page (its crop box, turned by its /Rotate). */
  static backgroundSize(doc: PDFDocument, pageIndex: number): BackgroundGeometry & { rotation: number } {
    const page = doc.getPage(pageIndex);
    const box = page.getCropBox();
    const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
    const turned = rotation === 90 || rotation === 270;
    return { width: turned ? box.height : box.width, height: turned ? box.width : box.height, rotation };
  }

  private async drawBackground(page: PDFPage, background: Background): Promise<void> {
    let embedded = this.backgrounds.get(background.key);
    if (!embedded) {
      const source = background.doc.getPage(background.pageIndex);
      const box = source.getCropBox();
      const [page] = await this.doc.embedPages(
        [source],
        [{ left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height }],
      );
      embedded = { page: page!, rotation: LetterWriter.backgroundSize(background.doc, background.pageIndex).rotation };
      this.backgrounds.set(background.key, embedded);
    }
    // /Rotate turns the page clockwise for display: draw the source turned the same way on an upright page.
    const { page: source, rotation } = embedded;
    const w = source.width;
    const h = source.height;
    // Turning by -rotation about the origin, then moving the result back onto the page.
    const at = rotation === 90 ? [0, w] : rotation === 180 ? [w, h] : rotation === 270 ? [h, 0] : [0, 0];
    page.drawPage(source, { x: at[0], y: at[1], rotate: degrees(-rotation) });
  }

  private async drawLines(page: PDFPage, lines: readonly PlacedLine[]): Promise<void> {
    if (lines.length === 0) return;
    const keys = new Map<number, PDFName>();
    const keyFor = async (face: number) => {
      let key = keys.get(face);
      if (!key) {
        const font = await this.font(face);
        key = page.node.newFontDictionary(font.name, font.ref);
        keys.set(face, key);
      }
      return key;
    };
    const ops: PDFOperator[] = [pushGraphicsState(), setFillingColor(rgb(0, 0, 0))];
    for (const line of lines) {
      ops.push(beginText());
      if (line.bold) {
        // No bold face is shipped: a thin outline thickens the title, and it stays real text.
        ops.push(
          setTextRenderingMode(TextRenderingMode.FillAndOutline),
          setLineWidth(line.size * 0.028),
          setStrokingColor(rgb(0, 0, 0)),
        );
      }
      ops.push(setCharacterSpacing(line.charSpacing), setTextMatrix(1, 0, 0, 1, line.x, line.y));
      for (const run of line.runs) {
        const font = await this.font(run.face);
        ops.push(setFontAndSize(await keyFor(run.face), line.size), showText(font.encodeText(run.text)));
      }
      if (line.bold) ops.push(setTextRenderingMode(TextRenderingMode.Fill));
      ops.push(endText());
    }
    ops.push(popGraphicsState());
    this.addContent(page, ops);
  }

  /**
   * Appends operators to the page as a stream of its own, deflated by Node's zlib: pdf-lib's
   * pushOperators would deflate with pako, several times slower on a few hundred letters.
   */
  private addContent(page: PDFPage, ops: readonly PDFOperator[]): void {
    const text = ops.map((op) => op.toString()).join('\n');
    const stream = this.doc.context.stream(deflateSync(Buffer.from(text, 'latin1')), { Filter: 'FlateDecode' });
    page.node.addContentStream(this.doc.context.register(stream));
  }

  private drawRules(page: PDFPage, rules: readonly Rule[]): void {
    if (rules.length === 0) return;
    const ops: PDFOperator[] = [pushGraphicsState(), setStrokingColor(rgb(0, 0, 0)), setLineWidth(0.6)];
    for (const r of rules) ops.push(moveTo(r.x1, r.y), lineTo(r.x2, r.y), stroke());
    ops.push(popGraphicsState());
    this.addContent(page, ops);
  }

  private drawSeal(page: PDFPage, seal: SealStreams, box: SealBox): void {
    let ref = this.seals.get(seal);
    if (!ref) {
      ref = embedSealStreams(this.doc, seal);
      this.seals.set(seal, ref);
    }
    this.multiply ??= this.doc.context.register(this.doc.context.obj({ Type: 'ExtGState', BM: 'Multiply' }));
    const image = page.node.newXObject('Seal', ref);
    const state = page.node.newExtGState('Stamp', this.multiply);
    this.addContent(page, [
      pushGraphicsState(),
      setGraphicsState(state),
      concatTransformationMatrix(box.size, 0, 0, box.size, box.x, box.y),
      drawObject(image),
      popGraphicsState(),
    ]);
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: true });
  }
}
