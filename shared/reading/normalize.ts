/**
 * OCR and text layers write the same words differently: full-width digits and colons, spaces
 * between every character, 〇 read as O or 0, dates in Chinese numerals. The extractors read one
 * normalised form, so each pattern is written once.
 */

const CJK = '\\u3400-\\u9fff';
const CHINESE_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  O: '0',
  o: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 「七」→7, 「十二」→12, 「二十一」→21: a month or day in Chinese numerals. */
function smallNumber(text: string): string {
  const ten = text.indexOf('十');
  if (ten < 0) return text.replace(/./g, (c) => CHINESE_DIGITS[c] ?? c);
  const tens = ten === 0 ? 1 : Number(CHINESE_DIGITS[text[0]!] ?? 1);
  const units = ten === text.length - 1 ? 0 : Number(CHINESE_DIGITS[text[ten + 1]!] ?? 0);
  return String(tens * 10 + units);
}

const DIGIT_CLASS = '[〇零Oo0一二三四五六七八九]';
const SMALL_CLASS = '[一二三四五六七八九十]{1,3}';
const CHINESE_DATE = new RegExp(`(${DIGIT_CLASS}{4})年(?:(${SMALL_CLASS})月(?:(${SMALL_CLASS})日)?)?`, 'g');

/** 二〇二〇年七月一日 → 2020年7月1日 (〇, O and 0 alike); other text unchanged. */
export function arabicDates(text: string): string {
  return text.replace(CHINESE_DATE, (whole, year: string, month?: string, day?: string) => {
    if (/^\d{4}$/.test(year) && !month) return whole;
    const y = year.replace(/./g, (c) => CHINESE_DIGITS[c] ?? c);
    if (!/^\d{4}$/.test(y)) return whole;
    return `${y}年${month ? `${smallNumber(month)}月` : ''}${day ? `${smallNumber(day)}日` : ''}`;
  });
}

/** 「毕 业 证 书」: three or more single characters spaced out are one word. */
const SPACED_OUT = new RegExp(`(?<![^ \\n])[${CJK}](?: [${CJK}](?![^ \\n])){2,}`, 'g');

/**
 * The form every extractor reads: NFKC (full-width → ASCII), one space where there was a gap
 * (a gap is how a table separates a label from its value), spaced-out titles joined, digits
 * split by spaces joined, dates in Arabic numerals.
 */
export function normalizeText(text: string): string {
  const nfkc = text
    .normalize('NFKC')
    .replace(/[\u3000\t]/g, ' ')
    .replace(/○/g, '〇');
  const joined = nfkc
    .replace(/[ ]{2,}/g, ' ')
    .replace(SPACED_OUT, (word) => word.replace(/ /g, ''))
    .replace(/(?<=\d)[ ]+(?=[\dXx])/g, '');
  return arabicDates(joined);
}
