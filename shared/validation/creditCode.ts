/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 17 characters from a
 * 31-symbol set (no I, O, S, V, Z) and a MOD 31 check character; positions 3–8 are the
 * administrative-division code and so digits only.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeResult = { ok: true; value: string } | { ok: false; message: string };

export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export function parseCreditCode(raw: string): CreditCodeResult {
  const code = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (code === '') return { ok: false, message: '统一社会信用代码为空' };
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为18位，实为${code.length}位` };
  const bad = [...code].find((c) => !CHARSET.includes(c));
  if (bad !== undefined) {
    return { ok: false, message: `统一社会信用代码含有不允许的字符「${bad}」（不使用 I、O、S、V、Z）` };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, message: '统一社会信用代码第3至8位应为行政区划代码（数字）' };
  }
  if (code[17] !== creditCheckChar(code.slice(0, 17))) {
    return { ok: false, message: '统一社会信用代码校验位不正确，请核对代码' };
  }
  return { ok: true, value: code };
}
