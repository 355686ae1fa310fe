import { describe, expect, it } from 'vitest';
import { idCheckChar, maskIdNumber, parseIdNumber } from '../../../shared/validation/idNumber';

describe('身份证号 (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', '女'],
    ['360426199101010071', '1991-01-01', '男'],
    ['440524188001010014', '1880-01-01', '男'],
  ])('accepts the published test vector %s', (id, birth, gender) => {
    // 1880 is before 1900, which we refuse for living employees: only the checksum is checked for it.
    if (birth < '1900') return expect(idCheckChar(id.slice(0, 17))).toBe(id[17]);
    expect(parseIdNumber(id)).toEqual({ ok: true, value: { idNumber: id, birthDate: birth, gender } });
  });

  it('normalises a lower-case x, spaces and full-width digits', () => {
    expect(parseIdNumber(' 11010519491231002x ')).toMatchObject({
      ok: true,
      value: { idNumber: '11010519491231002X' },
    });
    expect(parseIdNumber('３６０４２６１９９１０１０１００７１')).toMatchObject({
      ok: true,
      value: { idNumber: '360426199101010071' },
    });
  });

  it('detects every single-digit typo', () => {
    const id = '360426199101010071';
    for (let i = 0; i < 17; i++) {
      const typo = id.slice(0, i) + String((Number(id[i]) + 1) % 10) + id.slice(i + 1);
      expect(parseIdNumber(typo).ok, typo).toBe(false);
    }
  });

  it.each([
    ['', '身份证号为空'],
    ['36042619910101007', '应为18位，实为17位'],
    ['360426910101007', '旧的15位号码'],
    ['3604261991010100A1', '只能由数字和末位的X组成'],
    ['360426199102300071', '不是有效日期'],
    ['360426199101010072', '校验位不正确'],
  ])('refuses %j with a message naming the problem', (id, message) => {
    const result = parseIdNumber(id);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('refuses a birth date after today', () => {
    const first17 = '32010220300101001';
    const result = parseIdNumber(first17 + idCheckChar(first17), '2026-11-23');
    expect(!result.ok && result.message).toContain('晚于今天');
  });

  it('derives gender from the parity of the 17th digit', () => {
    const male = '32010219900101001';
    const female = '32010219900101002';
    expect(parseIdNumber(male + idCheckChar(male))).toMatchObject({ value: { gender: '男' } });
    expect(parseIdNumber(female + idCheckChar(female))).toMatchObject({ value: { gender: '女' } });
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
