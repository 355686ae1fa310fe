import { describe, expect, it } from 'vitest';
import { creditCheckChar, parseCreditCode } from '../../../shared/validation/creditCode';

const VALID = '91110000600037341L';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the published test vector, in either case and with spaces', () => {
    expect(parseCreditCode(VALID)).toEqual({ ok: true, value: VALID });
    expect(parseCreditCode(' 91110000600037341l ')).toEqual({ ok: true, value: VALID });
  });

  it('accepts codes that do not start with digits (the standard allows letters there)', () => {
    const first17 = 'Y1320100MA1XXXXXX'.replace(/X/g, '1');
    expect(parseCreditCode(first17 + creditCheckChar(first17)).ok).toBe(true);
  });

  it('detects every single-character substitution', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const c of charset) {
        if (c === VALID[i] || (i >= 2 && i < 8 && !/\d/.test(c))) continue;
        const typo = VALID.slice(0, i) + c + VALID.slice(i + 1);
        expect(parseCreditCode(typo).ok, typo).toBe(false);
      }
    }
  });

  it.each([
    ['', '为空'],
    ['9111000060003734', '应为18位，实为16位'],
    ['91110000600037341O', '不允许的字符「O」'],
    ['9111000060003734IL', '不允许的字符「I」'],
    ['91AB0000600037341L', '行政区划代码'],
    ['91110000600037341X', '校验位不正确'],
  ])('refuses %j with a message naming the problem', (code, message) => {
    const result = parseCreditCode(code);
    expect(!result.ok && result.message).toContain(message);
  });
});
