/** Upload kits exported from a real workspace: folders, names, order, limits, texts, zips. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKitExporter } from '../../../electron/services/kits/kitExport';
import { smallPdf } from '../../support/documents';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
let out: string;
beforeEach(async () => {
  ws = await openTestWorkspace();
  out = tempDir('zhicheng-kits-');
});
afterEach(() => ws.cleanup());

async function applicant(name: string, seq: number) {
  const { person } = await ws.call('people.save', {
    name,
    idNumber: makeIdNumber('320102', '1995-01-01', seq),
    workStartedOn: '2022-07-01',
    category: '事业编制',
  });
  await ws.call('records.save', {
    kind: 'education',
    employeeId: person.id,
    level: '本科',
    degree: '学士',
    graduatedOn: '2022-06-30',
  });
  const store = async (materialType: string, year: number | null = null, pad = 0) =>
    ws.app.services.library.store(await smallPdf(`${name} ${materialType} ${year ?? ''}`, pad), {
      employeeId: person.id,
      declarationId: null,
      materialType,
      year,
      title: null,
      fileName: `${materialType}.pdf`,
      mime: 'application/pdf',
      pages: 1,
      source: '扫描',
      originalId: null,
      validUntil: null,
    });
  return { person, store };
}

async function batchWith(...people: Array<{ person: { id: number } }>) {
  const batch = await ws.call('batches.save', {
    name: '2026年初定',
    type: '初定',
    region: '江苏省/南京市/市本级',
    receivingOffice: '南京市职称办',
    deadline: '2025-12-31',
  });
  await ws.call('units.save', {
    name: '江苏某某工程有限公司',
    creditCode: '91110000600037341L',
    nature: '企业',
    authority: '无',
  });
  await ws.call('batches.addPeople', {
    batchId: batch.id,
    people: people.map((p) => ({
      personId: p.person.id,
      targetLevel: '助理级' as const,
      specialty: '工程/电子信息/通信工程',
    })),
  });
  return batch;
}

describe('upload kits', () => {
  it('writes one folder per person with files in portal order, the two texts and a summary', async () => {
    const a = await applicant('张三', 11);
    for (const t of ['学历证书', '学位证书', '学信网备案表', '单位同意证明', '诚信承诺书']) await a.store(t);
    await a.store('年度考核表', 2023);
    await a.store('继续教育证书', 2023);
    await a.store('继续教育证书', 2024);
    const batch = await batchWith(a);
    const result = await ws.app.services.kits.export({ batchId: batch.id, outDir: out });
    expect(result.people).toEqual([
      {
        idNumber: expect.any(String),
        folder: join(out, '001_张三'),
        files: 8,
        missing: ['缺少2024年度考核表', '工作总结0字，不足800字'],
        problems: [],
      },
    ]);
    const files = readdirSync(join(out, '001_张三')).sort();
    expect(files).toEqual([
      '01_学历学位_学信网学历电子注册备案表.pdf',
      '01_学历学位_学士学位证书.pdf',
      '01_学历学位_本科毕业证书.pdf',
      '05_年度考核_2023.pdf',
      '06_继续教育_2023.pdf',
      '06_继续教育_2024.pdf',
      '07_单位公示及结果报告证明_单位同意申报证明.pdf',
      '07_单位公示及结果报告证明_诚信承诺书.pdf',
      '清单.txt',
      '申报信息.txt',
    ]);
    const pdf = readFileSync(join(out, '001_张三', '06_继续教育_2024.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = readFileSync(join(out, '001_张三', '申报信息.txt'), 'utf8');
    expect(info.charCodeAt(0)).toBe(0xfeff);
    expect(info).toContain('所属行政区划：江苏省/南京市/市本级');
    expect(info).toContain('申报专业：工程 → 电子信息 → 通信工程');
    expect(info).toContain('报送受理部门：南京市职称办');
    // 张三 has no unit of their own: the default unit's fields.
    expect(info).toContain('工作单位性质：企业');
    expect(info).toContain('行政主管部门：无');
    expect(info).toContain('工作单位：江苏某某工程有限公司（统一社会信用代码 91110000600037341L）');
    expect(info).toContain('申报级别：助理级');
    expect(info).toContain('姓名：张三');
    expect(info).toContain('【工作总结】（直接复制到门户的文本框）\r\n（未填写）');
    const list = readFileSync(join(out, '001_张三', '清单.txt'), 'utf8');
    expect(list).toContain('【已包含】8个文件');
    expect(list).toContain('缺少2024年度考核表');
    for (const pdfName of files.filter((f) => f.endsWith('.pdf'))) {
      const kb = (statSync(join(out, '001_张三', pdfName)).size / 1024).toFixed(0);
      expect(list).toContain(`  ${pdfName}  ${kb} KB`);
    }
    expect(existsSync(join(out, result.summaryFile))).toBe(true);
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.load(readFileSync(join(out, result.summaryFile)) as unknown as ArrayBuffer);
    const sheet = summary.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const flat = rows.map((r) => r.filter((v) => v !== undefined && v !== null).map(String));
    expect(flat.some((r) => r.includes('张三') && r.some((v) => v.includes('缺少2024年度考核表')))).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('zips each kit with UTF-8 flagged names', async () => {
    const a = await applicant('张三', 11);
    await a.store('学历证书');
    const batch = await batchWith(a);
    await ws.app.services.kits.export({ batchId: batch.id, outDir: out, zip: true });
    const zip = readFileSync(join(out, '001_张三.zip'));
    // Local file header: general-purpose flag bit 11 marks the name as UTF-8.
    expect(zip.readUInt16LE(6) & 0x800).toBe(0x800);
    const names = Object.keys(unzipSync(new Uint8Array(zip)));
    expect(names).toContain('001_张三/01_学历学位_本科毕业证书.pdf');
  });

  it('keeps every person’s files in their own kit, with unsafe names made safe', async () => {
    const a = await applicant('张三', 11);
    const b = await applicant('CON', 13);
    const c = await applicant('王/五?', 15);
    await a.store('学历证书');
    await b.store('学历证书');
    const batch = await batchWith(a, b, c);
    const result = await ws.app.services.kits.export({ batchId: batch.id, outDir: out });
    expect(result.people.map((p) => p.folder.slice(out.length + 1))).toEqual(['001_张三', '002_CON', '003_王_五_']);
    const text = (folder: string) => readFileSync(join(out, folder, '申报信息.txt'), 'utf8');
    expect(text('002_CON')).toContain('姓名：CON');
    expect(readdirSync(join(out, '003_王_五_')).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('never puts an over-limit file in a kit silently, and never overwrites without being told', async () => {
    const a = await applicant('张三', 11);
    await a.store('学历证书', null, 600 * 1024);
    const batch = await batchWith(a);
    // Without a PDF engine to shrink it, an over-limit file is listed as a problem, not exported.
    const noEngine = createKitExporter(ws.app.services.repos, ws.app.services.library, ws.app.services.batches);
    const result = await noEngine.export({ batchId: batch.id, outDir: out });
    expect(result.people[0]!.problems[0]).toMatch(
      /01_学历学位_本科毕业证书\.pdf 为 \d+ KB，超过 500 KB 的限制，未放入/,
    );
    expect(readdirSync(join(out, '001_张三')).some((f) => f.startsWith('01_'))).toBe(false);
    await expect(noEngine.export({ batchId: batch.id, outDir: out })).rejects.toThrow('未覆盖');
    const fitted = createKitExporter(
      ws.app.services.repos,
      ws.app.services.library,
      ws.app.services.batches,
      async () => ({ ok: true, bytes: await smallPdf('fitted') }),
    );
    const again = await fitted.export({ batchId: batch.id, outDir: out, overwrite: true });
    expect(again.people[0]!.problems).toEqual([]);
    expect(statSync(join(out, '001_张三', '01_学历学位_本科毕业证书.pdf')).size).toBeLessThan(500 * 1024);
  });

  it('leaves no half-written kit when the export fails halfway', async () => {
    const a = await applicant('张三', 11);
    const b = await applicant('李四', 13);
    await a.store('学历证书', null, 600 * 1024);
    await b.store('学历证书', null, 600 * 1024);
    const batch = await batchWith(a, b);
    let calls = 0;
    const failing = createKitExporter(
      ws.app.services.repos,
      ws.app.services.library,
      ws.app.services.batches,
      async (bytes) => {
        if (++calls === 2) throw new Error('disk full');
        return { ok: true, bytes };
      },
    );
    await expect(failing.export({ batchId: batch.id, outDir: out })).rejects.toThrow('disk full');
    expect(readdirSync(out).sort()).toEqual(['001_张三']);
  });
});
