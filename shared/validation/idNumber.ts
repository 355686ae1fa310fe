/**
 * Resident ID number (公民身份号码), GB 11643-1999: 17 digits and a check character
 * computed with ISO 7064 MOD 11-2. Positions 7–14 hold the birth date, position 17's
 * parity the gender (odd = 男).
 */
import { isRealDate, todayIso } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberInfo = { idNumber: string; birthDate: string; gender: '男' | '女' };
export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; message: string };

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Normalises (trim, full-width → half-width, x → X) and checks an ID number. */
export function parseIdNumber(raw: string, today: string = todayIso()): IdNumberResult {
  const id = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (id === '') return { ok: false, message: '身份证号为空' };
  if (/^\d{15}$/.test(id)) return { ok: false, message: '身份证号为旧的15位号码，请换成18位号码' };
  if (id.length !== 18) return { ok: false, message: `身份证号应为18位，实为${id.length}位` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号只能由数字和末位的X组成' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1900-01-01') {
    return { ok: false, message: `身份证号中的出生日期 ${id.slice(6, 14)} 不是有效日期` };
  }
  if (birthDate > today) return { ok: false, message: `身份证号中的出生日期 ${birthDate} 晚于今天` };
  const expected = idCheckChar(id.slice(0, 17));
  if (id[17] !== expected) return { ok: false, message: '身份证号校验位不正确，请核对号码' };
  return { ok: true, value: { idNumber: id, birthDate, gender: Number(id[16]) % 2 === 1 ? '男' : '女' } };
}

/** Shows only the first 6 and last 4 characters, for messages and anything that may be logged. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '****' : `${id.slice(0, 6)}********${id.slice(-4)}`;
}
