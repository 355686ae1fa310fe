/**
 * 500 stamped 单位同意申报证明 made with pdf-lib + fontkit 2 and filed in the library, against the
 * mail-merge anchor measured in the same run: LibreOffice headless converting the same letter
 * (a .docx with the same text and the same seal image) to PDF. LibreOffice is Debian's
 * (`apt-get install libreoffice-writer-nogui`); without it only our figures are printed.
 * BENCH_LO_FULL=1 converts all 500 .docx in calls of 100 (LibreOffice 7.4 stops after 247 files
 * in one call) instead of extrapolating from 50.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateRawSync } from 'node:zlib';
import { createLettersRepo, type LetterSubject } from '../db/repos/letters';
import { builtInTemplates } from '../electron/services/letters/templates';
import { fillText } from '../shared/letters/placeholders';
import type { TextTemplate } from '../shared/letters/model';
import { letterValues } from '../electron/services/letters/values';
import { addBatch, lettersWorkspace } from '../tests/unit/letters/support';
import { tempDir } from '../tests/support/workspace';
import { report } from './support';

const run = promisify(execFile);
const LETTERS = 500;
const DATE = '2026-11-23';

// ── A .docx by hand: a stored-or-deflated zip of five XML parts and the seal ─────────────
function zip(files: Array<[string, Uint8Array | string]>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const EMU_PER_MM = 36_000;

/** The letter as Word would hold it: the same text, A4 and margins, the seal floating over the sign-off. */
function letterDocx(
  lines: { title: string; salutation: string | null; paragraphs: string[]; footer: string[]; signOff: string[] },
  seal: Uint8Array,
): Uint8Array {
  const run = (text: string, bold = false) =>
    `<w:r>${bold ? '<w:rPr><w:b/><w:sz w:val="44"/></w:rPr>' : ''}<w:t xml:space="preserve">${xml(text)}</w:t></w:r>`;
  const para = (props: string, content: string) => `<w:p><w:pPr>${props}</w:pPr>${content}</w:p>`;
  const size = 40 * EMU_PER_MM;
  const anchor = `<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>${91 * EMU_PER_MM}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>${-16 * EMU_PER_MM}</wp:posOffset></wp:positionV><wp:extent cx="${size}" cy="${size}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="1" name="seal"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${size}" cy="${size}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`;
  const body = [
    para('<w:jc w:val="center"/><w:spacing w:after="240"/>', run(lines.title, true)),
    ...(lines.salutation ? [para('', run(lines.salutation))] : []),
    ...lines.paragraphs.map((p) =>
      para('<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>', run(p)),
    ),
    para('', ''),
    ...lines.footer.map((f) => para('', run(f))),
    para('', ''),
    para('', ''),
    ...lines.signOff.map((s, i) =>
      para('<w:jc w:val="right"/><w:ind w:right="640"/>', (i === 0 ? anchor : '') + run(s)),
    ),
  ].join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1474" w:bottom="1417" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>`;
  return zip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    [
      'word/_rels/document.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/seal.png"/></Relationships>',
    ],
    ['word/document.xml', document],
    ['word/styles.xml', styles],
    ['word/media/seal.png', seal],
  ]);
}

/** The consent letter's filled text for one person, as the .docx gets it. */
function filledLetter(template: TextTemplate, subject: LetterSubject) {
  const values = letterValues(subject, { date: DATE, publicity: null, overrides: {} });
  const fill = (t: string) => {
    const f = fillText(t, values);
    return f.kind === 'text' ? f.text : null;
  };
  const all = (ts: string[]) => ts.map(fill).filter((t): t is string => t !== null);
  return {
    title: fill(template.title)!,
    salutation: template.salutation ? fill(template.salutation) : null,
    paragraphs: all(template.paragraphs),
    footer: all(template.footer),
    signOff: all(template.signOff),
  };
}

async function soffice(profile: string, outDir: string, files: string[]): Promise<{ ms: number; pdfs: string[] }> {
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  await run(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...files,
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const ms = performance.now() - started;
  return {
    ms,
    pdfs: readdirSync(outDir)
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => join(outDir, f)),
  };
}

const hasSoffice = async () => {
  try {
    await run('soffice', ['--version']);
    return true;
  } catch {
    return false;
  }
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchLetters(): Promise<void> {
  console.log(`\n单位同意申报证明 (${LETTERS} stamped letters, one batch)`);
  const lw = await lettersWorkspace({ count: LETTERS, seed: 2026 });
  const work = tempDir('zhicheng-bench-letters-');
  try {
    const { batchId } = addBatch(lw, '初定', lw.people);

    // One letter first in the process: font parse, seal decode and module warm-up included.
    const coldStart = performance.now();
    await lw.letters.generateLetters({ template: 'consent', people: [lw.people[0]!.id], date: DATE, merged: false });
    const coldMs = performance.now() - coldStart;

    const started = performance.now();
    const result = await lw.letters.generateLetters({ template: 'consent', batchId, date: DATE });
    const totalMs = performance.now() - started;
    if (result.letters.length !== LETTERS || result.problems.length > 0) {
      throw new Error(`letters: ${result.letters.length} made, ${result.problems.length} refused`);
    }
    const sizes = result.letters.map((l) => l.bytes);
    const average = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    console.log(
      `  fonts: ${result.fonts}; filed ${result.letters.length} letters; merged print file ${kb(result.merged!.bytes.length)}, ${result.merged!.pages} pages`,
    );
    console.log(`  bytes per letter: average ${kb(average)}, largest ${kb(Math.max(...sizes))} (target < 100 KB)`);

    if (!(await hasSoffice())) {
      console.log(
        `  ${LETTERS} letters: ${totalMs.toFixed(0)} ms (${(totalMs / LETTERS).toFixed(1)} ms per letter; target < 10 s)`,
      );
      console.log('  LibreOffice not installed (apt-get install libreoffice-writer-nogui): no anchor');
      return;
    }

    // The same letters as .docx, converted by LibreOffice headless with a profile of its own.
    const template = builtInTemplates().get('consent-chuding') as TextTemplate;
    const subjects = createLettersRepo(lw.ws.app.database.db).subjectsForDeclarations({ batchId });
    const sealPng = lw.ws.app.services.library.read({ storedPath: subjects[0]!.unit!.sealPath! });
    const docxDir = join(work, 'docx');
    mkdirSync(docxDir);
    const full = process.env.BENCH_LO_FULL === '1';
    const count = full ? LETTERS : 50;
    const docxStart = performance.now();
    const docs = subjects.slice(0, count).map((subject, i) => {
      const file = join(docxDir, `letter-${String(i).padStart(3, '0')}.docx`);
      writeFileSync(file, letterDocx(filledLetter(template, subject), sealPng));
      return file;
    });
    const docxMs = performance.now() - docxStart;
    const profile = join(work, 'lo-profile');
    await soffice(profile, join(work, 'warm'), [docs[0]!]); // creates the profile, untimed
    const one = await soffice(profile, join(work, 'one'), [docs[0]!]);
    let batchMs = 0;
    const pdfs: string[] = [];
    for (let i = 0; i < docs.length; i += 100) {
      const part = await soffice(profile, join(work, `many-${i}`), docs.slice(i, i + 100));
      batchMs += part.ms;
      pdfs.push(...part.pdfs);
    }
    if (pdfs.length !== docs.length) console.log(`  warning: LibreOffice wrote ${pdfs.length} of ${docs.length} PDFs`);
    const loBytes = pdfs.reduce((sum, f) => sum + statSync(f).size, 0) / Math.max(1, pdfs.length);
    const loPerLetter = batchMs / pdfs.length;
    const lo500 = full ? batchMs : loPerLetter * LETTERS;

    report(
      `${LETTERS} letters, made and filed`,
      totalMs,
      `LibreOffice ${full ? `${LETTERS} .docx (calls of 100)` : `500 .docx (est. from ${count})`}`,
      lo500,
    );
    report('per letter', totalMs / LETTERS, `LibreOffice per letter (${Math.min(count, 100)} per call)`, loPerLetter);
    report('one letter, first in process', coldMs, 'LibreOffice one .docx (start-up)', one.ms);
    console.log(
      `  bytes per letter ${kb(average)} vs LibreOffice ${kb(loBytes)} (ratio ${(average / loBytes).toFixed(2)}); ` +
        `writing the ${count} .docx took ${docxMs.toFixed(0)} ms`,
    );
  } finally {
    lw.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}
