/** Filed documents' names, safe on Windows, and each material's default size limit. */
import { describe, expect, it } from 'vitest';
import { checkTemplate, DEFAULT_NAME_TEMPLATE, renderName, uniqueName } from '../../../electron/services/inbox/names';
import { InboxSettings, limitBytes } from '../../../electron/services/inbox/settings';
import { findTypes } from '../../../electron/services/inbox/matcher';
import { safeFileName } from '../../../shared/validation/fileNames';

const name = (values: Parameters<typeof renderName>[1], template = DEFAULT_NAME_TEMPLATE) =>
  renderName(template, values);

describe('file names from the template', () => {
  it.each([
    [{ 姓名: '张三', 材料类型: '年度考核表', 年度: 2024 }, '张三_年度考核表_2024.pdf'],
    // An empty placeholder goes with its separator.
    [{ 姓名: '张三', 材料类型: '学历证书', 年度: null }, '张三_学历证书.pdf'],
    // Characters Windows refuses, and a value that tries to name a folder.
    [{ 姓名: '张<三>:"|?*', 材料类型: '学历证书' }, '张-三------_学历证书.pdf'],
    [{ 姓名: '..\\..\\Windows', 材料类型: '其他材料' }, '.-.-Windows_其他材料.pdf'],
    [{ 姓名: '王五. ', 材料类型: '学位证书' }, '王五_学位证书.pdf'],
  ])('%o → %s', (values, expected) => {
    expect(name(values)).toBe(expected);
  });

  it('never gives a reserved device name, an over-long name, or a decomposed (NFD) one', () => {
    expect(name({ 姓名: 'CON' }, '{姓名}.pdf')).toBe('_CON.pdf');
    expect(name({ 姓名: 'lpt1' }, '{姓名}.pdf')).toBe('_lpt1.pdf');
    const long = name({ 姓名: '长'.repeat(200), 材料类型: '学历证书', 年度: 2024 });
    expect([...long].length).toBeLessThanOrEqual(80);
    expect(long.endsWith('.pdf')).toBe(true);
    const nfd = 'Jose\u0301';
    expect(name({ 姓名: nfd, 材料类型: '学历证书' })).toBe('José_学历证书.pdf'.normalize('NFC'));
    expect(safeFileName('   ')).toBe('未命名');
    expect(safeFileName('报告. . ')).toBe('报告');
  });

  it('never overwrites: _01, _02 … compared as Windows compares names', () => {
    const taken = new Set(['张三_学历证书.pdf', '张三_学历证书_01.pdf'].map((n) => n.toLowerCase()));
    expect(uniqueName('张三_学历证书.pdf', taken)).toBe('张三_学历证书_02.pdf');
    expect(uniqueName('张三_学位证书.pdf', taken)).toBe('张三_学位证书.pdf');
  });

  it('refuses templates with folders, unknown fields or no field', () => {
    expect(checkTemplate('{姓名}/{材料类型}.pdf')).toContain('路径');
    expect(checkTemplate('..{姓名}.pdf')).toContain('路径');
    expect(checkTemplate('{姓名}_{职务}.pdf')).toContain('{职务}');
    expect(checkTemplate('材料.pdf')).toContain('至少');
    expect(checkTemplate(DEFAULT_NAME_TEMPLATE)).toBeNull();
  });
});

describe('size limits', () => {
  it('default to 500 KB, and 10,000 KB for 工作业绩 (业绩, 奖项, 论文), each editable', () => {
    const defaults = InboxSettings.parse({});
    expect(limitBytes(defaults, '学历证书')).toBe(500 * 1024);
    expect(limitBytes(defaults, '诚信承诺书')).toBe(500 * 1024);
    expect(limitBytes(defaults, '工作业绩')).toBe(10_000 * 1024);
    for (const type of ['论文', '获奖证书', '专利证书', '业绩证明'])
      expect(limitBytes(defaults, type)).toBe(10_000 * 1024);
    for (const type of ['职称证书', '身份证']) expect(limitBytes(defaults, type)).toBe(500 * 1024);
    const edited = InboxSettings.parse({
      defaultLimitKb: 400,
      achievementsLimitKb: 8000,
      limitsKb: { 学历证书: 2048 },
    });
    expect(limitBytes(edited, '学历证书')).toBe(2048 * 1024);
    expect(limitBytes(edited, '年度考核表')).toBe(400 * 1024);
    expect(limitBytes(edited, '工作业绩')).toBe(8000 * 1024);
  });
});

describe('the portal’s further material types, told by their names', () => {
  it('files 职称证书, 身份证, 论文, 获奖证书, 专利证书 and 业绩证明 as themselves', () => {
    expect(findTypes('张三_职称证书_2018')).toEqual(['职称证书']);
    expect(findTypes('张三 身份证正反面')).toEqual(['身份证']);
    expect(findTypes('张三_论文_2024')).toEqual(['论文']);
    expect(findTypes('张三 获奖证书')).toEqual(['获奖证书']);
    expect(findTypes('张三-专利证书')).toEqual(['专利证书']);
    expect(findTypes('张三_业绩证明')).toEqual(['业绩证明']);
    expect(findTypes('张三_工作业绩')).toEqual(['工作业绩']);
    // The old certificate of a 历史登记 is still 老证书.
    expect(findTypes('张三_老证书')).toEqual(['老证书']);
  });
});
