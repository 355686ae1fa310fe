/**
 * Generated scans with known content, the way office scanners write them: 300-dpi A4 pages of
 * Chinese text (10.5 pt body, a 9 pt table of digits, a 7.5 pt footnote) on slightly tinted,
 * noisy paper, saved as JPEG q95 and wrapped one image per page by pdf-lib. Optional red seal and
 * blue signature. Shared by the tests and the benchmark.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

export const A4_POINTS: [number, number] = [595.28, 841.89];

const NAMES = ['张建国', '李晓明', '王雪梅', '刘志强', '陈静怡', '杨国庆', '赵丽华', '黄海涛', '周文博', '吴佳琪'];
const UNITS = ['南京市建设工程质量监督站', '苏州工业园区设计研究院', '无锡市第二人民医院', '常州市教育科学研究院'];
const PHRASES = [
  '兹证明该同志自参加工作以来，认真履行岗位职责，严格遵守各项规章制度。',
  '在专业技术工作中能够独立承担重要项目，具有较强的分析和解决问题的能力。',
  '主持完成的项目获得市级科学技术进步奖二等奖，取得了良好的经济效益和社会效益。',
  '近五年来在省级以上刊物发表专业论文三篇，其中核心期刊一篇。',
  '按照江苏省职称评审有关规定，现推荐其申报高级工程师专业技术资格。',
  '该同志政治立场坚定，遵纪守法，无违反职业道德和学术不端行为。',
  '经单位公示五个工作日，无异议，特此证明，情况属实，单位愿承担相应责任。',
  '继续教育学时已满足规定要求，年度考核结果均为合格以上等次。',
  '参与编制地方标准一项，负责技术方案论证与现场质量控制工作。',
  '指导青年技术人员开展课题研究，培养骨干人才多名，成绩突出。',
];
const FOOTNOTES = [
  '注：本证明一式两份，申报人与单位各存一份；复印件需加盖单位公章后有效。',
  '说明：学时统计截至申报年度十二月三十一日，以省继续教育平台记录为准。',
];

/** A small deterministic generator so every run draws the same pages. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface ScanPageSpec {
  seal?: boolean;
  signature?: boolean;
}

export interface ScanPageText {
  title: string;
  body: string[];
  table: string[][];
  footnote: string[];
}

export function pageText(index: number): ScanPageText {
  const r = rng(1000 + index * 7919);
  const pick = <T>(items: T[]) => items[Math.floor(r() * items.length)]!;
  const body: string[] = [`${pick(UNITS)}：`];
  for (let i = 0; i < 18; i++) {
    const phrase = pick(PHRASES);
    body.push(i % 6 === 0 ? `${pick(NAMES)}同志，${phrase}` : phrase);
  }
  const table: string[][] = [['年度', '项目编号', '学时', '考核']];
  for (let i = 0; i < 6; i++) {
    table.push([
      `${2019 + i}`,
      `${Math.floor(r() * 9e7 + 1e7)}`,
      `${Math.floor(r() * 80 + 20)}`,
      pick(['合格', '优秀', '称职']),
    ]);
  }
  return { title: `专业技术人员工作业绩证明（第${index + 1}页）`, body, table, footnote: FOOTNOTES };
}

/** The characters a reader should find on the page, in reading order, without spaces. */
export function pageCharacters(text: ScanPageText): string {
  return [text.title, ...text.body, ...text.table.map((row) => row.join('')), ...text.footnote].join('');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function pageSvg(text: ScanPageText, spec: ScanPageSpec, width: number, height: number, dpi: number): string {
  const pt = (points: number) => (points * dpi) / 72;
  const margin = pt(60);
  const parts: string[] = [];
  const line = (x: number, y: number, size: number, s: string, anchor = 'start', weight = 'normal') =>
    parts.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size.toFixed(1)}" text-anchor="${anchor}" font-weight="${weight}">${escapeXml(s)}</text>`,
    );
  let y = margin + pt(20);
  line(width / 2, y, pt(16), text.title, 'middle', 'bold');
  y += pt(36);
  const bodySize = pt(10.5);
  const perLine = Math.floor((width - 2 * margin) / bodySize);
  for (const paragraph of text.body) {
    for (let i = 0; i < paragraph.length; i += perLine) {
      line(margin, y, bodySize, paragraph.slice(i, i + perLine));
      y += bodySize * 1.65;
    }
  }
  y += pt(12);
  const tableSize = pt(9);
  const colX = [margin, margin + pt(90), margin + pt(230), margin + pt(320)];
  for (const row of text.table) {
    row.forEach((cell, c) => line(colX[c]!, y, tableSize, cell));
    parts.push(
      `<line x1="${margin}" y1="${(y + pt(5)).toFixed(1)}" x2="${(width - margin).toFixed(1)}" y2="${(y + pt(5)).toFixed(1)}" stroke="#222" stroke-width="${pt(0.6).toFixed(1)}"/>`,
    );
    y += tableSize * 1.9;
  }
  y += pt(18);
  for (const note of text.footnote) {
    line(margin, y, pt(7.5), note);
    y += pt(7.5) * 1.7;
  }
  if (spec.signature) {
    const sx = width - margin - pt(200);
    const sy = height - margin - pt(120);
    parts.push(
      `<path d="M ${sx} ${sy} c ${pt(20)} ${-pt(40)} ${pt(40)} ${pt(30)} ${pt(60)} ${-pt(10)} s ${pt(30)} ${pt(25)} ${pt(55)} ${-pt(20)} s ${pt(20)} ${pt(30)} ${pt(60)} ${pt(5)}" fill="none" stroke="rgb(20,50,170)" stroke-width="${pt(2.2).toFixed(1)}" stroke-linecap="round"/>`,
    );
  }
  if (spec.seal) {
    const cx = width - margin - pt(110);
    const cy = y - pt(60);
    const r = pt(60);
    parts.push(
      `<g opacity="0.82" fill="rgb(214,32,40)" stroke="rgb(214,32,40)">` +
        `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke-width="${pt(3.2).toFixed(1)}"/>` +
        `<polygon points="${star(cx, cy - pt(4), pt(18))}" stroke="none"/>` +
        `<text x="${cx}" y="${cy + pt(34)}" font-size="${pt(11).toFixed(1)}" text-anchor="middle" stroke="none">人事专用章</text>` +
        `</g>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="Noto Serif CJK SC" fill="#1a1a1a">${parts.join('')}</g></svg>`
  );
}

function star(cx: number, cy: number, r: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.38;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(cx + radius * Math.cos(a)).toFixed(1)},${(cy + radius * Math.sin(a)).toFixed(1)}`);
  }
  return points.join(' ');
}

/** One scanned page as the scanner's JPEG (q95 by default). */
export async function renderScanPage(
  index: number,
  spec: ScanPageSpec = {},
  options: { dpi?: number; quality?: number } = {},
): Promise<Buffer> {
  const dpi = options.dpi ?? 300;
  const width = Math.round((A4_POINTS[0] / 72) * dpi);
  const height = Math.round((A4_POINTS[1] / 72) * dpi);
  const ink = await sharp(Buffer.from(pageSvg(pageText(index), spec, width, height, dpi)))
    .removeAlpha()
    .raw()
    .toBuffer();
  // Ink printed on tinted paper with sensor noise (mostly luminance, a little chroma), then a
  // little optical blur. Noise made here in JS: libvips' gaussnoise takes seconds a page.
  const next = rng(77 + index);
  const pixels = Buffer.allocUnsafe(ink.length);
  const paper = [236, 232, 223];
  for (let i = 0; i < ink.length; i += 3) {
    const luma = (next() + next() + next() - 1.5) * 9;
    for (let c = 0; c < 3; c++) {
      const chroma = (next() - 0.5) * 3;
      pixels[i + c] = Math.max(0, Math.min(255, ((paper[c]! + luma + chroma) * ink[i + c]!) / 255));
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .blur(0.6)
    .withMetadata({ density: dpi })
    .jpeg({ quality: options.quality ?? 95, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

/** Wraps JPEGs into a PDF, one full A4 page each, as a scanner does. */
export async function jpegsToPdf(jpegs: Uint8Array[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const jpeg of jpegs) {
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage(A4_POINTS);
    page.drawImage(image, { x: 0, y: 0, width: A4_POINTS[0], height: A4_POINTS[1] });
  }
  return doc.save();
}

/** A scan of `pages` pages; `sealOn` pages carry the red seal, `signatureOn` the blue signature. */
export async function scanPdf(
  pages: number,
  options: { sealOn?: number[]; signatureOn?: number[]; dpi?: number; quality?: number } = {},
): Promise<{ bytes: Uint8Array; text: string[] }> {
  const jpegs: Buffer[] = [];
  const text: string[] = [];
  for (let i = 0; i < pages; i++) {
    const spec = { seal: options.sealOn?.includes(i), signature: options.signatureOn?.includes(i) };
    jpegs.push(await renderScanPage(i, spec, options));
    text.push(pageCharacters(pageText(i)));
  }
  return { bytes: await jpegsToPdf(jpegs), text };
}

/** A born-digital letter: vector text drawn by pdf-lib, extractable by any reader. */
export async function vectorTextPage(doc: PDFDocument, words: string): Promise<void> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage(A4_POINTS);
  page.drawText(words, { x: 72, y: 760, size: 14, font });
}
