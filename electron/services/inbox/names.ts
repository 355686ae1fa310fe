/**
 * File names of filed documents, from a template such as `{姓名}_{材料类型}_{年度}.pdf`: each
 * value made safe for Windows, empty placeholders dropped with their separator, the whole capped
 * in length, and never the name of a document the person already has (`_01`, `_02`, …).
 */
import { safeFileName } from '../../../shared/validation/fileNames';

export const DEFAULT_NAME_TEMPLATE = '{姓名}_{材料类型}_{年度}.pdf';

export const TEMPLATE_FIELDS = ['姓名', '身份证号', '工号', '材料类型', '年度', '原文件名', '序号'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Partial<Record<TemplateField, string | number | null>>;

/** Refuses a template with unknown placeholders, folders or nothing that names the file. */
export function checkTemplate(template: string): string | null {
  if (!template.trim()) return '文件名模板不能为空';
  if (/[\\/]|\.\./.test(template)) return '文件名模板不能包含路径（/、\\ 或 ..）';
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    if (!TEMPLATE_FIELDS.includes(m[1] as TemplateField)) return `文件名模板中的「{${m[1]}}」不是可用的字段`;
  }
  if (!/\{[^}]+\}/.test(template)) return '文件名模板至少要包含一个字段，如 {姓名}';
  return null;
}

/** Each value is made safe on its own, so a value can never add a folder or a reserved name. */
const cleanValue = (value: string) =>
  value
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');

const MAX_VALUE = 40;

export function renderName(template: string, values: TemplateValues): string {
  let stem = template.replace(/\.pdf$/i, '');
  stem = stem.replace(/\{([^}]*)\}/g, (_, field: string) => {
    const raw = values[field as TemplateField];
    if (raw === null || raw === undefined || raw === '') return '\u0000';
    return [...cleanValue(String(raw))].slice(0, MAX_VALUE).join('') || '\u0000';
  });
  // An empty placeholder takes one separator with it: 张三_学历证书_{年度} → 张三_学历证书.
  stem = stem
    .replace(/[_\-\s]*\u0000/g, '\u0000')
    .replace(/^\u0000[_\-\s]*/, '')
    .replace(/\u0000/g, '');
  // safeFileName caps at 80 characters; keep room for the suffix and the extension.
  const safe = safeFileName([...stem].slice(0, 72).join(''), '材料');
  return `${safe}.pdf`;
}

/** `name.pdf`, else `name_01.pdf`, `name_02.pdf`… not in `taken` (compared case-insensitively). */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const key = (n: string) => n.normalize('NFC').toLowerCase();
  if (!taken.has(key(name))) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 1; ; i++) {
    const candidate = `${stem}_${String(i).padStart(2, '0')}${ext}`;
    if (!taken.has(key(candidate))) return candidate;
  }
}
