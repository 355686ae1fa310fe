/**
 * What the letters tests share: a seal-like scan (red ring, star and text on slightly noisy white
 * paper, as a scanner gives it), a workspace with a unit, people, a batch and declarations, and
 * poppler to read the PDFs back (pdftotext) and look at them (pdftoppm).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { assessments, continuingEducation, educations, titles } from '../../../db/schema';
import type { TitleLevel } from '../../../shared/domain/enums';
import { creditCheckChar } from '../../../shared/validation/creditCode';
import { createLettersService, type LettersService } from '../../../electron/services/letters/lettersService';
import { generatePeople, makeIdNumber, type GeneratedPerson } from '../../support/people';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';
import type { App } from '../../../electron/services/compose';

const run = promisify(execFile);

/** A valid 统一社会信用代码 for a Nanjing enterprise, varied by `n`. */
export function creditCode(n = 1): string {
  const first17 = `91320100${String(n).padStart(9, '0')}`;
  return first17 + creditCheckChar(first17);
}

export const UNIT_NAME = '江苏恒泰电力工程有限公司';

/** A round seal as scanned: red ink with soft edges on off-white paper with noise and specks. */
export async function sealScan(options: { format?: 'png' | 'jpeg'; seed?: number } = {}): Promise<Uint8Array> {
  const size = 900;
  const r = size / 2;
  const chars = [...UNIT_NAME];
  const arc = chars
    .map((ch, i) => {
      const angle = -120 + (240 * i) / (chars.length - 1);
      return `<text x="${r}" y="${r - r * 0.7}" font-size="82" font-family="Noto Serif CJK SC, serif" fill="#d0101c" text-anchor="middle" transform="rotate(${angle} ${r} ${r})">${ch}</text>`;
    })
    .join('');
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 === 0 ? 120 : 48;
    return `${r + rr * Math.cos(a)},${r + rr * Math.sin(a)}`;
  }).join(' ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <circle cx="${r}" cy="${r}" r="${r - 24}" fill="none" stroke="#d0101c" stroke-width="26"/>
    <polygon points="${star}" fill="#d0101c"/>
    ${arc}
    <text x="${r}" y="${r + 250}" font-size="60" font-family="Noto Serif CJK SC, serif" fill="#d0101c" text-anchor="middle">3201000012345</text>
  </svg>`;
  const seal = await sharp(Buffer.from(svg)).blur(1.2).png().toBuffer();

  // Paper: off-white with grain and a few grey specks, the seal a little off-centre.
  const width = 1300;
  const height = 1150;
  let s = options.seed ?? 7;
  const random = () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
  const paper = Buffer.alloc(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const grain = 244 + Math.floor(random() * 10);
    paper[p * 3] = grain;
    paper[p * 3 + 1] = grain - 1;
    paper[p * 3 + 2] = grain - 4;
  }
  for (let k = 0; k < 40; k++) {
    const x = Math.floor(random() * (width - 3));
    const y = Math.floor(random() * (height - 3));
    for (let dy = 0; dy < 2; dy++)
      for (let dx = 0; dx < 2; dx++)
        paper.fill(120, ((y + dy) * width + x + dx) * 3, ((y + dy) * width + x + dx) * 3 + 3);
  }
  const composed = sharp(paper, { raw: { width, height, channels: 3 } }).composite([
    { input: seal, left: 230, top: 140, blend: 'multiply' },
  ]);
  const out = options.format === 'jpeg' ? composed.jpeg({ quality: 88 }) : composed.png();
  return new Uint8Array(await out.toBuffer());
}

export interface LettersWorkspace {
  ws: TestWorkspace;
  letters: LettersService;
  unitId: number;
  people: Array<GeneratedPerson & { id: number }>;
  cleanup(): void;
}

/** A workspace with one unit (with its seal unless `seal: false`) and `count` people in it. */
export async function lettersWorkspace(
  options: { count?: number; seal?: boolean; contact?: boolean; seed?: number } = {},
): Promise<LettersWorkspace> {
  const ws = await openTestWorkspace();
  const { app } = ws;
  const letters = createLettersService({
    db: app.database.db,
    repos: app.services.repos,
    library: app.services.library,
    fonts: { preferSystem: false },
  });
  const unit = app.services.units.save({
    name: UNIT_NAME,
    creditCode: creditCode(),
    nature: null,
    region: '南京市/市本级',
    authority: null,
    contactName: options.contact === false ? null : '李敏',
    contactPhone: options.contact === false ? null : '025-84561234',
    address: '南京市玄武区珠江路88号',
  });
  if (options.seal !== false) await letters.importSeal(unit.id, await sealScan());
  const people = generatePeople(options.count ?? 3, options.seed ?? 11).map((p, i) => {
    const detail = app.services.people.save({
      unitId: unit.id,
      name: p.name,
      idNumber: p.idNumber,
      phone: p.phone,
      employeeNo: null,
      department: p.department,
      position: i % 2 === 0 ? '电气工程师' : null,
      hiredOn: p.hiredOn,
      workStartedOn: p.workStartedOn,
      category: null,
      specialty: '电气工程',
      email: null,
      politicalStatus: null,
      notes: null,
    });
    recordEligibility(app, detail.person.id, p.workStartedOn);
    return { ...p, id: detail.person.id };
  });
  return { ws, letters, unitId: unit.id, people, cleanup: () => ws.cleanup() };
}

/**
 * The records that leave a person unblocked by the rules (a 本科 from the year they started work,
 * every year assessed 合格 with 90 hours of continuing education): a 单位同意证明 certifies
 * eligibility, so the letters' own tests use people the rules do not block.
 */
export function recordEligibility(app: App, employeeId: number, workStartedOn: string): void {
  const { db } = app.database;
  const first = Number(workStartedOn.slice(0, 4));
  const years = Array.from({ length: 2031 - first }, (_, i) => first + i);
  db.transaction((tx) => {
    tx.insert(educations)
      .values({ employeeId, level: '本科', degree: '学士', graduatedOn: `${workStartedOn.slice(0, 4)}-06-30` })
      .run();
    tx.insert(assessments)
      .values(years.map((year) => ({ employeeId, year, result: '合格' as const })))
      .run();
    tx.insert(continuingEducation)
      .values(years.map((year) => ({ employeeId, year, hours: 90, category: '专业' as const })))
      .run();
  });
}

/** Adds a person by hand (e.g. with a rare character in the name). */
export function addPerson(lw: LettersWorkspace, name: string, sequence = 901): { id: number; idNumber: string } {
  const idNumber = makeIdNumber('320102', '1990-03-15', sequence);
  const detail = lw.ws.app.services.people.save({
    unitId: lw.unitId,
    name,
    idNumber,
    phone: null,
    employeeNo: null,
    department: '技术部',
    position: null,
    hiredOn: '2014-07-01',
    workStartedOn: '2013-07-01',
    category: null,
    specialty: null,
    email: null,
    politicalStatus: null,
    notes: null,
  });
  recordEligibility(lw.ws.app, detail.person.id, '2013-07-01');
  return { id: detail.person.id, idNumber };
}

/** A batch with a declaration for each person, made through the batches repository. */
export function addBatch(
  lw: Pick<LettersWorkspace, 'ws'>,
  type: '初定' | '评审',
  people: ReadonlyArray<{ id: number }>,
  declaration: { series?: string; specialty?: string; targetLevel?: TitleLevel } = {},
): { batchId: number; declarationIds: number[] } {
  const { batches } = lw.ws.app.services.repos;
  const batch = batches.insert({
    name: `2026年度${type}批次`,
    type,
    receivingOffice: type === '评审' ? '江苏省工程技术研究系列高级职称评审委员会办公室' : null,
  });
  const declarationIds = people.map(
    (p) =>
      batches.addDeclaration(
        {
          batchId: batch.id,
          employeeId: p.id,
          targetLevel: declaration.targetLevel ?? (type === '评审' ? '副高级' : '助理级'),
          series: declaration.series ?? '工程',
          specialty: declaration.specialty ?? '工程/电力工程/电气工程',
        },
        'test',
      ).id,
  );
  return { batchId: batch.id, declarationIds };
}

export function addTitle(lw: LettersWorkspace, employeeId: number): void {
  lw.ws.app.database.db
    .insert(titles)
    .values({ employeeId, series: '工程', specialty: '电气工程', level: '中级', obtainedOn: '2018-12-31', via: '评审' })
    .run();
}

/** pdftotext -layout of a PDF, with runs of spaces collapsed. */
export async function pdfText(bytes: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-letter-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'in.pdf'), '-'], { env, encoding: 'utf8' });
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders page 1 to PNG at `dpi` and returns its raw RGB pixels. */
export async function renderPage(
  bytes: Uint8Array,
  dpi = 50,
  env: NodeJS.ProcessEnv = process.env,
  /** e.g. ['-cropbox']: show the crop box, as viewers do (pdftoppm shows the media box). */
  extra: string[] = [],
): Promise<{ data: Buffer; width: number; height: number; png: Buffer; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-letter-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    const { stderr } = await run(
      'pdftoppm',
      [
        '-r',
        String(dpi),
        ...extra,
        '-f',
        '1',
        '-l',
        '1',
        '-png',
        '-singlefile',
        join(dir, 'in.pdf'),
        join(dir, 'page'),
      ],
      {
        env,
        encoding: 'utf8',
      },
    );
    const png = readFileSync(join(dir, 'page.png'));
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, png, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Share of seal-red pixels inside a box given in mm from the page's top-left. */
export function redShare(
  page: { data: Buffer; width: number; height: number },
  box: { x: number; y: number; w: number; h: number },
  pageMm = { width: 210, height: 297 },
): number {
  const sx = page.width / pageMm.width;
  const sy = page.height / pageMm.height;
  let red = 0;
  let all = 0;
  for (let y = Math.round(box.y * sy); y < Math.round((box.y + box.h) * sy); y++) {
    for (let x = Math.round(box.x * sx); x < Math.round((box.x + box.w) * sx); x++) {
      const o = (y * page.width + x) * 3;
      const [r, g, b] = [page.data[o]!, page.data[o + 1]!, page.data[o + 2]!];
      if (r > 150 && g < 120 && b < 120) red++;
      all++;
    }
  }
  return all === 0 ? 0 : red / all;
}

/** Count of dark (text) pixels inside a box in mm. */
export function darkShare(
  page: { data: Buffer; width: number; height: number },
  box: { x: number; y: number; w: number; h: number },
): number {
  const sx = page.width / 210;
  const sy = page.height / 297;
  let dark = 0;
  let all = 0;
  for (let y = Math.round(box.y * sy); y < Math.round((box.y + box.h) * sy); y++) {
    for (let x = Math.round(box.x * sx); x < Math.round((box.x + box.w) * sx); x++) {
      const o = (y * page.width + x) * 3;
      if (page.data[o]! < 100 && page.data[o + 1]! < 100 && page.data[o + 2]! < 100) dark++;
      all++;
    }
  }
  return all === 0 ? 0 : dark / all;
}

/** A fontconfig that knows only DejaVu: poppler cannot substitute a CJK font, only embedded glyphs show. */
export function noCjkFontconfig(): { env: NodeJS.ProcessEnv; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fc-nocjk-'));
  writeFileSync(
    join(dir, 'fonts.conf'),
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}/cache</cachedir></fontconfig>`,
  );
  return {
    env: { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf') },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface WordBox {
  text: string;
  /** Points from the page's top-left. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  page: number;
}

/** The words pdftotext finds, with their boxes (a Chinese line is usually one word). */
export async function wordBoxes(bytes: Uint8Array): Promise<WordBox[]> {
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-letter-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', join(dir, 'in.pdf'), '-'], {
      encoding: 'utf8',
    });
    const words: WordBox[] = [];
    let page = 0;
    for (const line of stdout.split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (m) words.push({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]!, page });
    }
    return words;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const PT = 25.4 / 72;

/** Runs a poppler tool (pdffonts, pdfimages -list) on the bytes and returns its output. */
export function pdfTool(tool: 'pdffonts' | 'pdfimages', bytes: Uint8Array, args: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-letter-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    return execFileSync(tool, [...args, join(dir, 'in.pdf')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
