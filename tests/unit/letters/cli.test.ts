/** `zhicheng unit set` and `zhicheng letters`: the documented JSON and exit codes. */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { letters, unitSet, type LettersJson } from '../../../electron/hosts/cli/lettersCommands';
import { openApp } from '../../../electron/services/compose';
import { generatePeople } from '../../support/people';
import { tempDir } from '../../support/workspace';
import {
  UNIT_NAME,
  addBatch,
  creditCode,
  pdfText,
  recordEligibility,
  sealScan,
  type LettersWorkspace,
} from './support';

/** Runs a command in this process and returns its exit code and its stdout as JSON. */
async function run(command: (args: string[]) => Promise<number>, ...args: string[]) {
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    const code = await command(args);
    return { code, json: JSON.parse(out.join('')) as Record<string, unknown> };
  } finally {
    write.mockRestore();
  }
}

describe('zhicheng unit set / letters', () => {
  const dir = tempDir('zhicheng-cli-letters-');
  const data = join(dir, 'ws');
  const out = join(dir, 'out');
  const sealFile = join(dir, '公章.png');
  const people = generatePeople(3, 5);
  let batchId = 0;

  beforeAll(async () => {
    writeFileSync(sealFile, await sealScan());
    // People and a 初定 batch, as the roster import and the batch screens would leave them.
    const app = await openApp({ dataDir: data, actor: 'test' });
    try {
      const ids = people.map(
        (p) =>
          app.services.people.save({
            unitId: null,
            name: p.name,
            idNumber: p.idNumber,
            phone: null,
            employeeNo: null,
            department: p.department,
            position: null,
            hiredOn: p.hiredOn,
            workStartedOn: p.workStartedOn,
            category: null,
            specialty: null,
            email: null,
            politicalStatus: null,
            notes: null,
          }).person.id,
      );
      ids.forEach((id, i) => recordEligibility(app, id, people[i]!.workStartedOn));
      batchId = addBatch(
        { ws: { app } as LettersWorkspace['ws'] },
        '初定',
        ids.map((id) => ({ id })),
      ).batchId;
    } finally {
      app.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad credit code with exit 2, naming the field', async () => {
    const bad = creditCode().slice(0, 17) + (creditCode().endsWith('0') ? '1' : '0');
    const { code, json } = await run(unitSet, '--data', data, '--name', UNIT_NAME, '--credit-code', bad, '--json');
    expect(code).toBe(2);
    const refusal = {
      code: 'BAD_INPUT',
      field: '统一社会信用代码',
      message: '统一社会信用代码校验位不正确，请核对代码',
    };
    expect(json).toEqual({ ok: false, ...refusal });
  });

  it('creates the unit keyed by its credit code, as the default, with its seal; then updates it', async () => {
    const created = await run(
      unitSet,
      ...[
        '--data',
        data,
        '--name',
        UNIT_NAME,
        '--credit-code',
        creditCode().toLowerCase(),
        '--region',
        '南京市/市本级',
      ],
      ...['--seal', sealFile, '--contact-name', '李敏', '--contact-phone', '025-84561234', '--json'],
    );
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({
      ok: true,
      created: true,
      unit: { name: UNIT_NAME, creditCode: creditCode(), region: '南京市/市本级', isDefault: true, hasSeal: true },
      seal: { width: 472, height: 472, warnings: [] },
    });
    const updated = await run(
      unitSet,
      '--data',
      data,
      '--credit-code',
      creditCode(),
      '--region',
      '南京市/玄武区',
      '--json',
    );
    expect(updated.code).toBe(0);
    expect(updated.json).toMatchObject({
      created: false,
      unit: { name: UNIT_NAME, region: '南京市/玄武区', contactName: '李敏', hasSeal: true },
      seal: null,
    });
    const second = await run(
      unitSet,
      '--data',
      data,
      '--name',
      '江苏恒泰检测有限公司',
      '--credit-code',
      creditCode(2),
      '--json',
    );
    expect(second.json).toMatchObject({ created: true, unit: { isDefault: false, hasSeal: false } });
    const noSeal = await run(
      unitSet,
      '--data',
      data,
      '--credit-code',
      creditCode(3),
      '--name',
      'x',
      '--seal',
      join(dir, 'none.png'),
      '--json',
    );
    expect(noSeal).toMatchObject({ code: 2, json: { ok: false, code: 'BAD_INPUT', field: '--seal' } });
  });

  it('generates stamped letters for a batch into --out and prints them with totals', async () => {
    const { code, json } = await run(
      letters,
      '--data',
      data,
      '--template',
      'consent',
      '--batch',
      String(batchId),
      '--out',
      out,
      '--date',
      '2026-11-23',
      '--set',
      '受理单位=南京市人力资源和社会保障局',
      '--json',
    );
    expect(code).toBe(0);
    const report = json as unknown as LettersJson;
    expect(Object.keys(report)).toEqual([
      'ok',
      'template',
      'count',
      'totalBytes',
      'ms',
      'letters',
      'merged',
      'problems',
      'warnings',
      'cancelled',
    ]);
    expect(report).toMatchObject({ ok: true, template: 'consent', count: 3, problems: [], cancelled: false });
    expect(report.letters.map((l) => l.idNumber)).toEqual(people.map((p) => p.idNumber));
    expect(report.totalBytes).toBe(report.letters.reduce((sum, l) => sum + l.bytes, 0));
    for (const [i, letter] of report.letters.entries()) {
      const person = people[i]!;
      expect(letter).toMatchObject({ name: person.name, template: 'consent-chuding' });
      expect(letter.file).toBe(join(out, `${person.name}_${person.idNumber.slice(-4)}_单位同意证明.pdf`));
      expect(statSync(letter.file).size).toBe(letter.bytes);
      expect(letter.bytes).toBeLessThan(100_000);
      expect(typeof letter.documentId).toBe('number');
      const text = (await pdfText(readFileSync(letter.file))).replace(/\s+/g, '');
      expect(text).toContain(person.idNumber);
      expect(text).toContain('南京市人力资源和社会保障局：');
    }
    expect(report.merged).toMatchObject({ pages: 3 });
    expect(existsSync(report.merged!.file)).toBe(true);
    expect(readdirSync(out)).toHaveLength(4);
  });

  it('generates from a user template chosen by its ID, filed under the template’s material type', async () => {
    const app = await openApp({ dataDir: data, actor: 'test' });
    try {
      app.services.letters.templates.save({
        id: 'work-proof',
        name: '在职证明',
        kind: 'text',
        materialType: '在职证明',
        title: '在职证明',
        salutation: '有关单位：',
        paragraphs: ['兹证明{姓名}，身份证号码{身份证号}，系{单位全称}在职职工。'],
        footer: [],
        signOff: ['{单位全称}', '{日期}'],
        seal: true,
      });
    } finally {
      app.close();
    }
    const proofs = join(dir, 'proofs');
    const { code, json } = await run(
      letters,
      '--data',
      data,
      '--template',
      'work-proof',
      '--people',
      people[1]!.idNumber,
      '--out',
      proofs,
      '--no-merge',
      '--json',
    );
    expect(code).toBe(0);
    const [letter] = (json as unknown as LettersJson).letters;
    expect(letter).toMatchObject({ idNumber: people[1]!.idNumber, template: 'work-proof' });
    expect(letter!.file).toBe(join(proofs, `${people[1]!.name}_${people[1]!.idNumber.slice(-4)}_在职证明.pdf`));
    const text = (await pdfText(readFileSync(letter!.file))).replace(/\s+/g, '');
    expect(text).toContain(`兹证明${people[1]!.name}，身份证号码${people[1]!.idNumber}，系${UNIT_NAME}在职职工。`);
  });

  it('generates pledges for people by ID number, and refuses unknown ones with exit 2', async () => {
    const pledges = join(dir, 'pledges');
    const some = [people[0]!.idNumber, people[2]!.idNumber].join(',');
    const ok = await run(
      letters,
      '--data',
      data,
      '--template',
      'pledge',
      '--people',
      some,
      '--out',
      pledges,
      '--no-merge',
      '--json',
    );
    expect(ok.code).toBe(0);
    expect((ok.json as unknown as LettersJson).letters.map((l) => l.file)).toEqual([
      join(pledges, `${people[0]!.name}_${people[0]!.idNumber.slice(-4)}_诚信承诺书.pdf`),
      join(pledges, `${people[2]!.name}_${people[2]!.idNumber.slice(-4)}_诚信承诺书.pdf`),
    ]);
    const unknown = await run(
      letters,
      '--data',
      data,
      '--template',
      'pledge',
      '--people',
      '11010519491231002X',
      '--out',
      pledges,
      '--json',
    );
    expect(unknown).toMatchObject({ code: 2, json: { ok: false, code: 'BAD_INPUT', field: '身份证号' } });
    expect(String(unknown.json.message)).toContain('11010519491231002X');
    const usage = await run(
      letters,
      '--data',
      data,
      '--template',
      'pledge',
      '--all',
      '--batch',
      '1',
      '--out',
      pledges,
      '--json',
    );
    expect(usage.code).toBe(2);
  });

  it('exits 2 listing each refused person and field, having written the others', async () => {
    const pingshen = join(dir, 'pingshen');
    // A 评审 letter needs the 公示 period: without it, every person is refused by name and field.
    const { code, json } = await run(
      letters,
      '--data',
      data,
      '--template',
      'consent-pingshen',
      '--all',
      '--out',
      pingshen,
      '--json',
    );
    expect(code).toBe(2);
    const report = json as unknown as LettersJson;
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(3);
    for (const p of report.problems) {
      expect(p).toMatchObject({ code: 'MISSING_FIELD', field: '申报系列' });
      expect(p.message).toContain(`「${p.name}」`);
    }
    expect(report).toMatchObject({ code: 'LETTER_PROBLEMS', message: expect.stringContaining('3人') });
  });

  it('makes no 单位同意证明 for someone the rules block, naming the blockers, unless --allow-ineligible', async () => {
    const blocked = people[1]!;
    const app = await openApp({ dataDir: data, actor: 'test' });
    try {
      // A 基本合格 year: the eligibility card shows 受阻.
      const id = app.services.repos.people.idOf(blocked.idNumber)!;
      const year = Number(blocked.workStartedOn.slice(0, 4)) + 1;
      const record = app.services.people.detail(id).assessments.find((a) => a.year === year)!;
      app.services.people.saveRecord('assessment', { id: record.id, employeeId: id, year, result: '基本合格' });
    } finally {
      app.close();
    }
    const args = ['--data', data, '--template', 'consent', '--batch', String(batchId), '--date', '2026-11-23'];
    const refused = await run(letters, ...args, '--out', join(dir, 'refused'), '--json');
    expect(refused.code).toBe(2);
    const report = refused.json as unknown as LettersJson;
    expect(report).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE', count: 2 });
    expect(report.problems).toEqual([
      expect.objectContaining({
        idNumber: blocked.idNumber,
        code: 'NOT_ELIGIBLE',
        blockers: [expect.stringContaining('年度考核为“基本合格”')],
      }),
    ]);
    expect(report.letters.map((l) => l.idNumber)).not.toContain(blocked.idNumber);

    const allowed = await run(letters, ...args, '--out', join(dir, 'allowed'), '--allow-ineligible', '--json');
    expect(allowed).toMatchObject({ code: 0, json: { ok: true, count: 3, problems: [] } });
  });

  it('never replaces letters already in --out, nor writes through a link there: the next free name instead', async () => {
    const again = join(dir, 'again');
    const generate = () =>
      run(
        letters,
        '--data',
        data,
        '--template',
        'consent',
        '--batch',
        String(batchId),
        '--out',
        again,
        '--date',
        '2026-11-23',
        '--set',
        '受理单位=南京市人力资源和社会保障局',
        // The test above left one person blocked: this one is about names, not eligibility.
        '--allow-ineligible',
        '--json',
      );
    const first = (await generate()).json as unknown as LettersJson;
    const kept = new Map(first.letters.map((l) => [l.file, readFileSync(l.file)]));
    // A link where the next run would write its first letter, pointing at a file outside.
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'not a letter');
    const [firstFile] = kept.keys();
    const linked = firstFile!.replace(/\.pdf$/, '_2.pdf');
    symlinkSync(outside, linked);

    const { code, json } = await generate();
    expect(code).toBe(0);
    const second = json as unknown as LettersJson;
    for (const [file, bytes] of kept) expect(readFileSync(file).equals(bytes), file).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('not a letter');
    expect(second.letters[0]!.file).toBe(firstFile!.replace(/\.pdf$/, '_3.pdf'));
    expect(new Set(second.letters.map((l) => l.file)).size).toBe(second.letters.length);
    for (const letter of second.letters) expect(kept.has(letter.file)).toBe(false);
  });
});
