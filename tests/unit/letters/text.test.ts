/** Placeholders, Chinese dates and line breaking: the pure parts of the letters engine. */
import { describe, expect, it } from 'vitest';
import { fontStack } from '../../../electron/services/letters/fonts';
import { Measure, breakLines, tokenize } from '../../../electron/services/letters/layout';
import { letterFileName } from '../../../electron/services/letters/lettersService';
import {
  PLACEHOLDERS,
  chineseNumeralDate,
  fillText,
  placeholdersIn,
  unknownPlaceholders,
} from '../../../shared/letters/placeholders';

describe('Chinese dates', () => {
  it('writes letter dates in Chinese numerals', () => {
    expect(chineseNumeralDate('2026-11-23')).toBe('二〇二六年十一月二十三日');
    expect(chineseNumeralDate('2030-01-05')).toBe('二〇三〇年一月五日');
    expect(chineseNumeralDate('2026-10-10')).toBe('二〇二六年十月十日');
    expect(chineseNumeralDate('2026-12-30')).toBe('二〇二六年十二月三十日');
    expect(chineseNumeralDate('2026-11-21')).toBe('二〇二六年十一月二十一日');
    expect(chineseNumeralDate('2026-11')).toBe('二〇二六年十一月');
  });
});

describe('placeholders', () => {
  it('are defined once, each with a description and an example', () => {
    const keys = PLACEHOLDERS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of PLACEHOLDERS) {
      expect(p.description.length).toBeGreaterThan(0);
      expect(p.example.length).toBeGreaterThan(0);
    }
    expect(keys).toEqual(expect.arrayContaining(['姓名', '身份证号', '申报级别', '公示开始日期', '单位全称', '日期']));
  });

  it('fill required, optional and defaulted fields, and keep literal braces', () => {
    expect(fillText('兹证明{姓名}同志', { 姓名: '王伟' })).toEqual({ kind: 'text', text: '兹证明王伟同志' });
    expect(fillText('{受理单位|人社部门}：', {})).toEqual({ kind: 'text', text: '人社部门：' });
    expect(fillText('电话：{联系电话?}', { 联系电话: null })).toEqual({ kind: 'dropped' });
    expect(fillText('{{姓名}}：{姓名}', { 姓名: '李' })).toEqual({ kind: 'text', text: '{姓名}：李' });
  });

  it('name the missing field and the unknown placeholder', () => {
    expect(fillText('于{公示开始日期}至{公示结束日期}公示', {})).toEqual({
      kind: 'missing',
      missing: ['公示开始日期', '公示结束日期'],
      unknown: [],
    });
    expect(fillText('{姓命}', { 姓名: '王' })).toEqual({ kind: 'missing', missing: [], unknown: ['姓命'] });
    expect(unknownPlaceholders(['{姓名}{单位名}', '{职务}{单位名}'])).toEqual(['单位名', '职务']);
    expect(placeholdersIn('{a?}{b|c}{d}')).toEqual([
      { key: 'a', optional: true, fallback: null },
      { key: 'b', optional: false, fallback: 'c' },
      { key: 'd', optional: false, fallback: null },
    ]);
  });
});

describe('line breaking', () => {
  const measure = new Measure(fontStack({ preferSystem: false }));

  it('keeps an ID number, a phone number or a credit code in one piece and punctuation with its character', () => {
    expect(tokenize('号码：320102198507010012，女')).toEqual(['号', '码：', '320102198507010012，', '女']);
    expect(tokenize('（身份证号）')).toEqual(['（身', '份', '证', '号）']);
    expect(tokenize('电话025-84561234。')).toEqual(['电', '话', '025-84561234。']);
  });

  it('never splits the 18-digit ID across lines, and justifies every line but the last', () => {
    const id = '32010219850701001X';
    const text = `兹证明王建国同志现在我单位技术部电气工程师岗位工作，身份证号码为${id}，特此证明情况属实。`;
    const lines = breakLines(text, measure, 16, 300, 300, true);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some((l) => l.text.includes(id))).toBe(true);
    expect(lines.map((l) => l.text).join('')).toBe(text);
    for (const l of lines) expect(l.text.startsWith('，') || l.text.startsWith('。')).toBe(false);
    expect(lines.slice(0, -1).every((l) => l.justify)).toBe(true);
    expect(lines.at(-1)!.justify).toBe(false);
  });
});

describe('file names', () => {
  it('are {姓名}_{身份证号后4位}_{材料类型}.pdf, safe on Windows', () => {
    expect(letterFileName('王伟', '32010219850701001X', '单位同意证明')).toBe('王伟_001X_单位同意证明.pdf');
    expect(letterFileName('A/B:C*?', '320102198507010012', '诚信承诺书')).toBe('A_B_C___0012_诚信承诺书.pdf');
  });
});
