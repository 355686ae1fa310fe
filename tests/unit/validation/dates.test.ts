import { describe, expect, it } from 'vitest';
import { formatChineseDate, fromExcelSerial, isPartialDate, parseDate } from '../../../shared/validation/dates';

describe('dates as HR files contain them', () => {
  it.each<[unknown, string]>([
    ['2020-07-01', '2020-07-01'],
    ['2020/7/1', '2020-07-01'],
    ['2020/07/01', '2020-07-01'],
    ['2020.7.1', '2020-07-01'],
    ['2020.07', '2020-07'],
    ['2020-07', '2020-07'],
    ['2020/7', '2020-07'],
    ['2020年7月1日', '2020-07-01'],
    ['2020年7月1号', '2020-07-01'],
    ['2020年7月', '2020-07'],
    ['2020年07月', '2020-07'],
    ['20200701', '2020-07-01'],
    ['202007', '2020-07'],
    ['２０２０年７月１日', '2020-07-01'],
    ['２０２０．０７', '2020-07'],
    ['  2020-07-01 00:00:00 ', '2020-07-01'],
    ['2020-07-01T00:00:00.000Z', '2020-07-01'],
    [44013, '2020-07-01'],
    ['44013', '2020-07-01'],
    [20200701, '2020-07-01'],
    [202007, '2020-07'],
    [2020.07, '2020-07'],
    // "2020.10" typed into a number cell becomes 2020.1.
    [2020.1, '2020-10'],
    [2020.12, '2020-12'],
    [new Date(Date.UTC(2020, 6, 1)), '2020-07-01'],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, string]>([
    ['', '为空'],
    ['2020-13-01', '月份不存在'],
    ['2021-02-29', '不存在'],
    ['2020-02-30', '不存在'],
    ['1800-01-01', '年份不在'],
    ['去年七月', '无法识别'],
    ['7/1/2020', '无法识别'],
    [60, '1900年2月29日'],
    [0, '超出范围'],
    // A bare year is no date, nor Excel's day 2016 (1905-07-08).
    ['2016', '只写了年份'],
    ['2016年', '只写了年份'],
    [2016, '只写了年份'],
  ])('refuses %j with a message naming the problem', (raw, message) => {
    const result = parseDate(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('accepts 29 February in leap years only', () => {
    expect(parseDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
    expect(parseDate('1900-02-29').ok).toBe(false);
  });

  it("follows Excel's 1900 date system around its phantom 29 February 1900", () => {
    expect(fromExcelSerial(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(fromExcelSerial(59)).toEqual({ ok: true, value: '1900-02-28' });
    expect(fromExcelSerial(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(fromExcelSerial(45658.75)).toEqual({ ok: true, value: '2025-01-01' });
  });

  it('tells stored days and months from anything else', () => {
    expect(isPartialDate('2020-07-01')).toBe(true);
    expect(isPartialDate('2020-07')).toBe(true);
    expect(isPartialDate('2020-00')).toBe(false);
    expect(isPartialDate('2020-7-1')).toBe(false);
  });

  it('writes dates the Chinese way', () => {
    expect(formatChineseDate('2020-07-01')).toBe('2020年7月1日');
    expect(formatChineseDate('2020-07')).toBe('2020年7月');
  });
});
