/** Mainland mobile numbers (11 digits from 1[3-9]) and landlines with an area code (0xx-xxxxxxxx[-ext]). */
export type PhoneResult = { ok: true; value: string } | { ok: false; message: string };

export function parsePhone(raw: string): PhoneResult {
  const text = raw
    .normalize('NFKC')
    .replace(/[\s()（）]/g, '')
    .replace(/^\+?86-?/, '');
  if (/^1[3-9]\d{9}$/.test(text)) return { ok: true, value: text };
  // Area codes are 010 and 02x (three digits) or four digits for every other city.
  const landline = /^(0[12]\d|0[3-9]\d{2})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(text);
  if (landline) {
    return { ok: true, value: `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}` };
  }
  return {
    ok: false,
    message: `电话号码「${raw.trim()}」格式不对：手机应为11位（如 13812345678），座机应带区号（如 025-83456789）`,
  };
}
