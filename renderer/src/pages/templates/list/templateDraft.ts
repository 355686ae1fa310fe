/**
 * Templates as the editor holds them: complete objects (every default filled in) that are edited
 * in place, with blank lines kept while typing and dropped before a preview or a save.
 */
import type { LetterTemplate, OverlayTemplate, TextTemplate } from '../../../../../shared/letters/model';

/** A fresh id in the template id alphabet: 'my-' and the time in base 36. */
export const newTemplateId = () => `my-${Date.now().toString(36)}${Math.floor(Math.random() * 36).toString(36)}`;

export function newTextTemplate(): TextTemplate {
  return {
    id: newTemplateId(),
    name: '新建信函模板',
    kind: 'text',
    materialType: '单位同意证明',
    route: null,
    title: '证明',
    header: [],
    salutation: '{受理单位|有关单位}：',
    paragraphs: ['兹证明{姓名}（身份证号：{身份证号}）系我单位在职人员，现在{部门岗位}工作。', '特此证明。'],
    footer: ['统一社会信用代码：{统一社会信用代码}'],
    signOff: ['{单位全称}', '{日期}'],
    seal: true,
    signature: null,
    bodySize: 16,
    titleSize: 22,
  };
}

export function newOverlayTemplate(backgroundDocumentId: number, name: string): OverlayTemplate {
  return {
    id: newTemplateId(),
    name: name.slice(0, 50) || '套打模板',
    kind: 'overlay',
    materialType: '单位同意证明',
    route: null,
    backgroundDocumentId,
    backgroundPage: 0,
    fields: [],
    seal: null,
  };
}

/** A user's copy of any template (a built-in one included), under a new id. */
export function copyOf(template: LetterTemplate): LetterTemplate {
  const copy = JSON.parse(JSON.stringify(template)) as LetterTemplate; // also from a reactive draft
  return { ...copy, id: newTemplateId(), name: `${template.name}（副本）`.slice(0, 50) };
}

const lines = (list: readonly string[]) => list.filter((l) => l.trim() !== '');

/** The template as it is sent: blank lines and blank fields left out. */
export function cleaned(template: LetterTemplate): LetterTemplate {
  if (template.kind === 'overlay') return { ...template, fields: template.fields.filter((f) => f.text.trim() !== '') };
  return {
    ...template,
    header: lines(template.header),
    paragraphs: lines(template.paragraphs),
    footer: lines(template.footer),
    signOff: lines(template.signOff),
    salutation: template.salutation?.trim() ? template.salutation : null,
  };
}

export const MATERIAL_TYPES = ['单位同意证明', '诚信承诺书'];
export const KIND_LABEL = { text: '文字模板', overlay: '套打模板（PDF 背景）' } as const;

/** What the template tab has open: a saved template by id, or a new one not saved yet. */
export type Opened = { id: string } | { draft: LetterTemplate };

/** Whose data a preview uses: a person (with their latest declaration), or one declaration. */
export type Subject = { employeeId: number } | { declarationId: number };
