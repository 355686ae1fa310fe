/** File names that Windows, macOS and Linux all accept, kept readable in Chinese. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f]/g;
/** Leaves room for the folder: Windows paths stop at 260 characters. */
const MAX_LENGTH = 80;

export function safeFileName(name: string, fallback = '未命名'): string {
  let safe = name.normalize('NFC').replace(ILLEGAL, '_').replace(/\s+/g, ' ').trim();
  safe = safe.replace(/[. ]+$/, ''); // Windows drops trailing dots and spaces
  if (safe === '' || /^_+$/.test(safe)) safe = fallback;
  if (RESERVED.test(safe)) safe = `_${safe}`;
  return [...safe].slice(0, MAX_LENGTH).join('');
}
