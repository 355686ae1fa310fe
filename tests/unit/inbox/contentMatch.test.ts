/** The name weighed against the content: agreement files, disagreement asks, the content fills gaps. */
import { describe, expect, it } from 'vitest';
import type { PersonKey } from '../../../db/repos/inbox';
import { weigh, type ContentEvidence } from '../../../electron/services/inbox/contentMatch';
import { matchFile } from '../../../electron/services/inbox/matcher';
import { makeIdNumber } from '../../support/people';

const people: PersonKey[] = [
  { id: 1, name: '陈静怡', idNumber: makeIdNumber('320102', '1990-05-06', 1), employeeNo: 'A001' },
  { id: 2, name: '王芳', idNumber: makeIdNumber('320102', '1988-03-04', 2), employeeNo: null },
  { id: 3, name: '王芳', idNumber: makeIdNumber('320102', '1991-07-08', 3), employeeNo: null },
];
const names = new Map(people.map((p) => [p.id, p.name]));
const byName = (relPath: string) => matchFile({ relPath, folder: { employeeId: null, materialType: null }, people });
const content = (evidence: Partial<ContentEvidence>): ContentEvidence => ({
  person: null,
  personProblem: null,
  type: null,
  year: null,
  ...evidence,
});
const wang = { employeeId: 3, name: '王芳', by: 'idNumber' as const };
const chen = { employeeId: 1, name: '陈静怡', by: 'idNumber' as const };

describe('the name weighed against the content', () => {
  it('files a scanner-named file by its content alone, saying so', () => {
    const result = weigh(byName(''), content({ person: wang, type: '年度考核表', year: 2023 }), names);
    expect(result).toMatchObject({ employeeId: 3, materialType: '年度考核表', year: 2023, problem: null });
    expect(result.matchedBy).toBe('content');
  });

  it('settles a name two people share by the ID number on the page', () => {
    const name = byName('王芳_年度考核表_2023.pdf');
    expect(name.problem).toContain('同名');
    const result = weigh(name, content({ person: wang, type: '年度考核表', year: 2023 }), names);
    expect(result).toMatchObject({ employeeId: 3, problem: null, matchedBy: 'content' });
  });

  it('keeps the name and notes the agreement when both say the same', () => {
    const result = weigh(byName('陈静怡_诚信承诺书.pdf'), content({ person: chen, type: '诚信承诺书' }), names);
    expect(result).toMatchObject({
      employeeId: 1,
      materialType: '诚信承诺书',
      problem: null,
      matchedBy: 'name+content',
    });
  });

  it('asks, showing both, when the name and the content name different people', () => {
    const result = weigh(byName('陈静怡_诚信承诺书.pdf'), content({ person: wang, type: '诚信承诺书' }), names);
    expect(result.problem).toBe('文件名指向「陈静怡」，文件内容指向「王芳」');
    expect(result.matchedBy).toBeNull();
    expect(result.candidates.map((c) => [c.employeeId, c.by])).toEqual([
      [1, 'name'],
      [3, 'content'],
    ]);
  });

  it('asks when the page carries an ID number of nobody on the roster, even if the name matches someone', () => {
    const result = weigh(
      byName('陈静怡_诚信承诺书.pdf'),
      content({ personProblem: '文件中的身份证号不在人员名单中', type: '诚信承诺书' }),
      names,
    );
    expect(result.problem).toBe('文件内容：文件中的身份证号不在人员名单中');
  });

  it('asks when the name and the content disagree on the type or the year', () => {
    const type = weigh(byName('陈静怡_诚信承诺书.pdf'), content({ person: chen, type: '社保缴费证明' }), names);
    expect(type.problem).toBe('文件名是「诚信承诺书」，文件内容是「社保缴费证明」');
    const year = weigh(byName('陈静怡_年度考核表_2024.pdf'), content({ person: chen, year: 2023 }), names);
    expect(year.problem).toBe('文件名中的年份是 2024，文件内容是 2023');
  });

  it('takes the year from the content when the name has none, and asks when neither has it', () => {
    expect(weigh(byName('陈静怡_年度考核表.pdf'), content({ year: 2022 }), names)).toMatchObject({
      employeeId: 1,
      year: 2022,
      problem: null,
    });
    expect(weigh(byName(''), content({ person: chen, type: '年度考核表' }), names).problem).toBe(
      '「年度考核表」按年度归档，未能识别年度',
    );
  });

  it('changes nothing without content', () => {
    const name = byName('陈静怡_诚信承诺书.pdf');
    expect(weigh(name, null, names)).toBe(name);
  });
});

describe('a scanner-named file whose pages cannot settle the person', () => {
  it('gives the pages’ reason, not the name’s', () => {
    const note = '花名册中有 2 人同名「王芳」，材料上没有身份证号可区分';
    const result = weigh(byName(''), content({ personNote: note, type: '年度考核表', year: 2023 }), names);
    expect(result.problem).toBe(`文件内容：${note}`);
  });
});
