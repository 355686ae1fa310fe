/**
 * Builds one record from the cells of one row: values read as HR writes them, then checked by
 * the record's own schema, so an imported record is exactly what the record dialog would save.
 */
import type { z } from 'zod';
import { AssessmentFields, CeFields, EducationFields, TitleFields, WorkFields } from '../domain/schemas';
import { TITLE_LEVELS, type TitleLevel } from '../domain/enums';
import type { Cell } from '../roster/validateRoster';
import { fieldDef, type RecordField, type RecordImportKind } from './columns';
import { cellText, writtenText } from './header';
import { friendlyIssue } from './messages';
import {
  isUntilNow,
  parseCategory,
  parseDateCell,
  parseHours,
  parseRange,
  parseResult,
  parseYear,
  type Parsed,
} from './values';
import {
  EDUCATION_SYNONYMS,
  VIA_SYNONYMS,
  degreeFromText,
  normaliseSeries,
  titleFromName,
  titleLevelFromText,
} from './vocabulary';

export type RawRecord = Partial<Record<RecordField, Cell>>;

export interface BuiltRecord {
  fields: Record<string, unknown>;
  /** The record's own fields the sheet had a column for: only these are compared on re-import. */
  present: Set<string>;
}

export interface CellError {
  column: string;
  message: string;
}

/** What the preview tells once for the whole file (「称职」按「合格」, 取得方式 taken by level …). */
export type NoticeKey =
  | { type: 'synonym'; from: string; to: string }
  | { type: 'viaDefault' }
  | { type: 'seriesDefault'; series: string }
  | { type: 'categoryDefault' };

export interface BuildContext {
  /** The rule pack's series: a title named only by its level (中级) is of this series. */
  defaultSeries: string;
  notice(key: NoticeKey): void;
}

const schemas = {
  education: EducationFields.omit({ id: true, employeeId: true }),
  title: TitleFields.omit({ id: true, employeeId: true }),
  assessment: AssessmentFields.omit({ id: true, employeeId: true }),
  ce: CeFields.omit({ id: true, employeeId: true }),
  work: WorkFields.omit({ id: true, employeeId: true }),
} satisfies Record<RecordImportKind, z.ZodType>;

/** Schema keys back to the sheet's columns, for messages. */
const COLUMN_OF: Record<RecordImportKind, Record<string, RecordField>> = {
  education: {
    level: 'edu.level',
    degree: 'edu.degree',
    school: 'edu.school',
    major: 'edu.major',
    enrolledOn: 'edu.enrolledOn',
    graduatedOn: 'edu.graduatedOn',
    diplomaNo: 'edu.diplomaNo',
    degreeNo: 'edu.degreeNo',
  },
  title: {
    series: 'title.series',
    specialty: 'title.specialty',
    level: 'title.level',
    obtainedOn: 'title.obtainedOn',
    via: 'title.via',
    certificateNo: 'title.certificateNo',
    issuer: 'title.issuer',
  },
  assessment: { year: 'assessment.year', result: 'assessment.result', notes: 'assessment.notes' },
  ce: {
    year: 'ce.year',
    hours: 'ce.hours',
    category: 'ce.category',
    course: 'ce.course',
    certificateNo: 'ce.certificateNo',
  },
  work: {
    startOn: 'work.startOn',
    endOn: 'work.endOn',
    organization: 'work.organization',
    position: 'work.position',
    duties: 'work.duties',
  },
};

const has = (raw: RawRecord, field: RecordField) => field in raw;
const text = (raw: RawRecord, field: RecordField) => cellText(raw[field] ?? null);

/** What HR writes in a cell that has nothing (无, 暂无, —, /): such a cell is empty. */
const NOTHING = /^(无|暂无|没有|未评|未取得|[-—–/\\]+)$/;
export const isBlankCell = (cell: Cell | undefined): boolean => {
  const text = cellText(cell ?? null).replace(/\s/g, '');
  return text === '' || NOTHING.test(text);
};

/** True when the row has anything for this kind: a ledger row without a title makes no title. */
export function hasAnyValue(raw: RawRecord): boolean {
  return Object.values(raw).some((cell) => !isBlankCell(cell));
}

class Collector {
  readonly input: Record<string, unknown> = {};
  readonly present = new Set<string>();
  readonly errors: CellError[] = [];
  constructor(
    private readonly kind: RecordImportKind,
    private readonly raw: RawRecord,
  ) {}

  /** Copies a column as text (blank is null), or reads it with `parse`. */
  take<T>(
    key: string,
    field: RecordField,
    parse?: (cell: Cell) => Parsed<T>,
    onMapped?: (from: string, to: T) => void,
  ) {
    if (!has(this.raw, field)) return;
    this.present.add(key);
    const cell = this.raw[field] ?? null;
    if (cellText(cell) === '') {
      this.input[key] = null;
      return;
    }
    if (!parse) {
      this.input[key] = writtenText(cell);
      return;
    }
    const result = parse(cell);
    if (result.ok) {
      this.input[key] = result.value;
      if (result.mappedFrom !== undefined) onMapped?.(result.mappedFrom, result.value);
    } else this.error(field, result.message);
  }

  set(key: string, value: unknown) {
    this.present.add(key);
    this.input[key] = value;
  }

  error(field: RecordField, message: string) {
    this.errors.push({ column: fieldDef(field).header, message });
  }

  finish(): { record: BuiltRecord } | { errors: CellError[] } {
    if (this.errors.length > 0) return { errors: this.errors };
    const parsed = schemas[this.kind].safeParse(this.input);
    if (!parsed.success) {
      return {
        errors: parsed.error.issues.map((issue) => {
          const key = String(issue.path[0]);
          const field = COLUMN_OF[this.kind][key];
          const label = field ? fieldDef(field).header : key;
          return { column: label, message: friendlyIssue(issue, label, this.input[key]) };
        }),
      };
    }
    return { record: { fields: parsed.data as Record<string, unknown>, present: this.present } };
  }
}

const lookup =
  <T>(table: Readonly<Record<string, T>>, what: string, allowed: string) =>
  (cell: Cell): Parsed<T> => {
    // A remark in brackets is not the value: 本科（全日制）, 评审（破格）.
    const text = cellText(cell).replace(/\s/g, '');
    const value = table[text] ?? table[text.replace(/(.)[（(][^）)]*[）)]$/, '$1')];
    return value === undefined
      ? { ok: false, message: `无法识别的${what}「${cellText(cell)}」，应为：${allowed}` }
      : { ok: true, value };
  };

function education(raw: RawRecord): { record: BuiltRecord } | { errors: CellError[] } {
  const c = new Collector('education', raw);
  c.take('level', 'edu.level', lookup(EDUCATION_SYNONYMS, '学历', '中专、大专、本科、硕士或博士'));
  c.take('degree', 'edu.degree', (cell) => {
    const degree = degreeFromText(cellText(cell));
    return degree
      ? { ok: true, value: degree }
      : { ok: false, message: `无法识别的学位「${cellText(cell)}」，应为学士、硕士、博士或第二学士` };
  });
  c.take('school', 'edu.school');
  c.take('major', 'edu.major');
  c.take('enrolledOn', 'edu.enrolledOn', parseDateCell);
  c.take('graduatedOn', 'edu.graduatedOn', parseDateCell);
  c.take('diplomaNo', 'edu.diplomaNo');
  c.take('degreeNo', 'edu.degreeNo');
  if (!has(raw, 'edu.level') || text(raw, 'edu.level') === '') c.error('edu.level', '学历不能为空');
  return c.finish();
}

const VIA_FOR_HIGH: readonly TitleLevel[] = ['中级', '副高级', '正高级'];

function title(raw: RawRecord, context: BuildContext): { record: BuiltRecord } | { errors: CellError[] } {
  const c = new Collector('title', raw);
  const name = text(raw, 'title.name');
  const fromName = name ? titleFromName(name) : null;
  if (name && !fromName) {
    c.error('title.name', `无法识别的职称「${name}」，请写职称名称（如 工程师、会计师）或级别（中级），并填写职称系列`);
  }
  const levelText = text(raw, 'title.level');
  const level = levelText ? titleLevelFromText(levelText) : null;
  if (levelText && !level)
    c.error('title.level', `无法识别的职称级别「${levelText}」，应为：${TITLE_LEVELS.join('、')}`);
  if (level && fromName && level !== fromName.level) {
    c.error('title.level', `职称级别「${levelText}」与职称名称「${name}」（${fromName.level}）不一致`);
  }
  const resolvedLevel = level ?? fromName?.level ?? null;
  if (!resolvedLevel && !levelText && !name) c.error('title.name', '请填写职称名称或职称级别');
  if (resolvedLevel) c.set('level', resolvedLevel);

  const seriesText = text(raw, 'title.series');
  if (seriesText) c.set('series', normaliseSeries(seriesText));
  else if (fromName?.series) c.set('series', fromName.series);
  else if (resolvedLevel) {
    c.set('series', context.defaultSeries);
    context.notice({ type: 'seriesDefault', series: context.defaultSeries });
  }
  if (has(raw, 'title.series') && !seriesText && fromName?.series) c.present.add('series');

  c.take('specialty', 'title.specialty');
  if (!has(raw, 'title.obtainedOn') || text(raw, 'title.obtainedOn') === '') {
    c.error('title.obtainedOn', `职称「${name || levelText}」缺少取得时间`);
  } else c.take('obtainedOn', 'title.obtainedOn', parseDateCell);

  const viaText = text(raw, 'title.via');
  if (viaText) {
    c.take('via', 'title.via', lookup(VIA_SYNONYMS, '取得方式', '初定、评审、认定或考试'));
  } else if (resolvedLevel) {
    // A 台账 rarely says how a title was obtained; by level is how most were.
    c.set('via', VIA_FOR_HIGH.includes(resolvedLevel) ? '评审' : '初定');
    if (!has(raw, 'title.via')) c.present.delete('via');
    context.notice({ type: 'viaDefault' });
  }
  c.take('certificateNo', 'title.certificateNo');
  c.take('issuer', 'title.issuer');
  return c.finish();
}

function assessment(raw: RawRecord, context: BuildContext): { record: BuiltRecord } | { errors: CellError[] } {
  const c = new Collector('assessment', raw);
  c.take('year', 'assessment.year', parseYear);
  c.take('result', 'assessment.result', parseResult, (from, to) => context.notice({ type: 'synonym', from, to }));
  c.take('notes', 'assessment.notes');
  return c.finish();
}

function ce(raw: RawRecord, context: BuildContext): { record: BuiltRecord } | { errors: CellError[] } {
  const c = new Collector('ce', raw);
  c.take('year', 'ce.year', parseYear);
  c.take('hours', 'ce.hours', parseHours);
  if (text(raw, 'ce.category') === '') {
    c.set('category', '专业');
    if (!has(raw, 'ce.category')) c.present.delete('category');
    context.notice({ type: 'categoryDefault' });
  } else c.take('category', 'ce.category', parseCategory);
  c.take('course', 'ce.course');
  c.take('certificateNo', 'ce.certificateNo');
  return c.finish();
}

function work(raw: RawRecord): { record: BuiltRecord } | { errors: CellError[] } {
  const c = new Collector('work', raw);
  if (has(raw, 'work.range') && text(raw, 'work.range') !== '') {
    const range = parseRange(raw['work.range'] ?? null);
    if (range.ok) {
      c.set('startOn', range.value.start);
      c.set('endOn', range.value.end);
    } else c.error('work.range', range.message);
  } else {
    c.take('startOn', 'work.startOn', parseDateCell);
    if (has(raw, 'work.endOn') && isUntilNow(raw['work.endOn'] ?? null)) c.set('endOn', null);
    else c.take('endOn', 'work.endOn', parseDateCell);
    if (!c.input.startOn && c.errors.length === 0)
      c.error(has(raw, 'work.range') ? 'work.range' : 'work.startOn', '缺少开始时间');
  }
  c.take('organization', 'work.organization');
  c.take('position', 'work.position');
  c.take('duties', 'work.duties');
  return c.finish();
}

export function buildRecord(
  kind: RecordImportKind,
  given: RawRecord,
  context: BuildContext,
): { record: BuiltRecord } | { errors: CellError[] } {
  const raw: RawRecord = {};
  for (const [field, cell] of Object.entries(given)) raw[field as RecordField] = isBlankCell(cell) ? null : cell;
  switch (kind) {
    case 'education':
      return education(raw);
    case 'title':
      return title(raw, context);
    case 'assessment':
      return assessment(raw, context);
    case 'ce':
      return ce(raw, context);
    case 'work':
      return work(raw);
  }
}
