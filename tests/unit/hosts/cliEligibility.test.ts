/** `zhicheng eligibility`: the documented JSON in and out, and exit 2 naming the person and field. */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACK } from '../../../shared/eligibility/defaultPack';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir } from '../../support/workspace';

const BIN = join(import.meta.dirname, '../../../bin/zhicheng.mjs');
const dir = tempDir('zhicheng-cli-el-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function zhicheng(...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, json: JSON.parse(stdout) };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, json: JSON.parse(e.stdout) };
  }
}

const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};

const 张三 = {
  name: '张三',
  idNumber: '11010519491231002X',
  workStartedOn: '2023-07-01',
  educations: [{ level: '本科', degree: '学士', graduatedOn: '2023-06-30', majorMatches: true }],
  titles: [],
  assessments: [],
  continuingEducation: [],
  series: '工程',
  licences: [],
};

describe('zhicheng eligibility', () => {
  it('evaluates a JSON file into exactly the documented shape', async () => {
    const run = await zhicheng(
      'eligibility',
      '--in',
      write('people.json', { people: [张三] }),
      '--as-of',
      '2024-07-01',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(run.json).toEqual({
      asOf: '2024-07-01',
      results: [
        {
          idNumber: '11010519491231002X',
          next: {
            route: '初定',
            level: '助理级',
            eligibleOn: '2024-07-01',
            eligibleNow: true,
            blockers: [],
            rule: 'chuding.current.benke',
            education: '本科（学士），2023-06-30毕业',
          },
          then: {
            route: '评审',
            level: '中级',
            eligibleOn: '2028-07-01',
            eligibleNow: false,
            blockers: [],
            rule: 'pingshen.zhongji.benke-dazhuan',
            education: '本科（学士），2023-06-30毕业',
            after: '取得助理级后满 4 年',
          },
        },
      ],
    });
  });

  it('uses another pack when given one', async () => {
    const pack = structuredClone(DEFAULT_PACK);
    pack.chuding.find((r) => r.id === 'chuding.current.benke')!.outcomes[0]!.years = 2;
    const run = await zhicheng(
      'eligibility',
      '--in',
      write('p.json', { people: [张三] }),
      '--pack',
      write('pack.json', pack),
      '--as-of',
      '2024-07-01',
      '--json',
    );
    expect(run.json.results[0].next).toMatchObject({ eligibleOn: '2025-07-01', eligibleNow: false });
  });

  it.each([
    [
      { people: [张三, { ...张三, name: '李四', educations: [{ level: '大学', graduatedOn: '2020-06-30' }] }] },
      '第2个人（李四）',
      'educations[0].level',
    ],
    [{ people: [{ ...张三, workStartedOn: '2023-02-30' }] }, '第1个人（张三）', 'workStartedOn'],
    [{ people: [{ ...张三, titles: undefined, educations: undefined }] }, '第1个人（张三）', 'educations'],
    [{ persons: [] }, null, 'people'],
    [{ people: [{ ...张三, workStartedOn: '2023-07' }] }, '第1个人（张三）', 'workStartedOn'],
    [{ people: [{ ...张三, assessments: undefined }] }, '第1个人（张三）', 'assessments'],
    [{ people: [{ ...张三, licences: undefined }] }, '第1个人（张三）', 'licences'],
    [
      { people: [{ ...张三, educations: [{ level: '本科', degree: '学士', graduatedOn: '2023-06-30' }] }] },
      '第1个人（张三）',
      'educations[0].majorMatches',
    ],
  ])('refuses bad input with exit 2, naming the person and the field', async (input, person, field) => {
    const run = await zhicheng('eligibility', '--in', write('bad.json', input), '--as-of', '2024-07-01', '--json');
    expect(run.code).toBe(2);
    expect(run.json).toMatchObject({ ok: false, code: 'BAD_INPUT', person, field });
    expect(run.json.message).toContain(field);
  });

  it('refuses a bad --as-of and a bad pack', async () => {
    const people = write('ok.json', { people: [张三] });
    expect((await zhicheng('eligibility', '--in', people, '--as-of', '2024-02-30', '--json')).code).toBe(2);
    const pack = await zhicheng(
      'eligibility',
      '--in',
      people,
      '--pack',
      write('badpack.json', { id: 'x' }),
      '--as-of',
      '2024-07-01',
      '--json',
    );
    expect(pack.code).toBe(2);
    expect(pack.json.message).toContain('规则包');
  });

  it('evaluates a workspace with --data', async () => {
    const ws = await openTestWorkspace(join(dir, 'ws'));
    const { person } = await ws.call('people.save', {
      name: '王五',
      idNumber: makeIdNumber('320102', '1990-01-01', 11),
      workStartedOn: '2015-07-01',
    });
    await ws.call('records.save', {
      kind: 'education',
      employeeId: person.id,
      level: '本科',
      degree: '学士',
      graduatedOn: '2015-06-30',
    });
    ws.app.close();
    const run = await zhicheng('eligibility', '--data', join(dir, 'ws'), '--as-of', '2016-07-01', '--json');
    expect(run.code).toBe(0);
    expect(run.json.results).toEqual([
      expect.objectContaining({
        idNumber: person.idNumber,
        next: expect.objectContaining({ level: '助理级', eligibleNow: true }),
      }),
    ]);
  });
});
