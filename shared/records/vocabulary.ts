/**
 * How HR writes qualifications, as data: title names to series and level, the synonyms of
 * assessment results, education levels and degrees. Edit these tables, not the importer.
 */
import type { AssessmentResult, CeKind, Degree, EducationLevel, TitleLevel } from '../domain/enums';

export interface TitleName {
  series: string;
  level: TitleLevel;
}

/** Each series' names from 员级 up to 正高级 (MoHRSS 职称系列各层级名称); null where a level has no name. */
const SERIES_LADDERS: ReadonlyArray<readonly [string, ReadonlyArray<string | null | readonly string[]>]> = [
  [
    '工程',
    [
      '技术员',
      ['助理工程师', '助工'],
      '工程师',
      ['高级工程师', '高工'],
      ['正高级工程师', '教授级高级工程师', '教授级高工'],
    ],
  ],
  ['会计', ['会计员', '助理会计师', '会计师', '高级会计师', '正高级会计师']],
  ['经济', ['经济员', '助理经济师', '经济师', '高级经济师', '正高级经济师']],
  ['统计', ['统计员', '助理统计师', '统计师', '高级统计师', '正高级统计师']],
  ['审计', ['审计员', '助理审计师', '审计师', '高级审计师', '正高级审计师']],
  ['高等学校教师', [null, '助教', '讲师', '副教授', '教授']],
  ['技工院校教师', [null, '助理讲师', ['一级实习指导教师', '讲师（技工院校）'], '高级讲师', '正高级讲师']],
  ['中小学教师', ['三级教师', '二级教师', '一级教师', '高级教师', '正高级教师']],
  ['卫生', ['医士', '医师', '主治医师', '副主任医师', '主任医师']],
  ['卫生', ['护士', '护师', '主管护师', '副主任护师', '主任护师']],
  ['卫生', ['药士', '药师', '主管药师', '副主任药师', '主任药师']],
  ['卫生', ['技士', '技师', '主管技师', '副主任技师', '主任技师']],
  [
    '农业',
    [
      '农业技术员',
      ['助理农艺师', '助理畜牧师', '助理兽医师'],
      ['农艺师', '畜牧师', '兽医师'],
      ['高级农艺师', '高级畜牧师', '高级兽医师'],
      '农业技术推广研究员',
    ],
  ],
  ['实验技术', ['实验员', '助理实验师', '实验师', '高级实验师', '正高级实验师']],
  ['图书资料', ['管理员', '助理馆员', '馆员', '副研究馆员', '研究馆员']],
  ['档案', ['管理员', '助理馆员', '馆员', '副研究馆员', '研究馆员']],
  ['工艺美术', ['工艺美术员', '助理工艺美术师', '工艺美术师', '高级工艺美术师', '正高级工艺美术师']],
  ['新闻', [null, '助理记者', '记者', '主任记者', '高级记者']],
  ['出版', [null, '助理编辑', '编辑', '副编审', '编审']],
  ['翻译', [null, '三级翻译', '二级翻译', '一级翻译', '译审']],
  ['自然科学研究', [null, '研究实习员', '助理研究员', '副研究员', '研究员']],
];

const LEVELS_UP: readonly TitleLevel[] = ['员级', '助理级', '中级', '副高级', '正高级'];

/** Levels written as levels: 中级, 副高, 高级 … The series then comes from its own column. */
const LEVEL_NAMES: Readonly<Record<string, TitleLevel>> = {
  员级: '员级',
  助理级: '助理级',
  初级: '助理级',
  中级: '中级',
  副高级: '副高级',
  副高: '副高级',
  高级: '副高级',
  正高级: '正高级',
  正高: '正高级',
};

const TITLE_NAMES = new Map<string, TitleName>();
for (const [series, ladder] of SERIES_LADDERS) {
  ladder.forEach((names, i) => {
    for (const name of names === null ? [] : typeof names === 'string' ? [names] : names) {
      // A name shared by two series (管理员, 馆员) keeps the first; the 职称系列 column decides.
      if (!TITLE_NAMES.has(name)) TITLE_NAMES.set(name, { series, level: LEVELS_UP[i]! });
    }
  });
}

/** The series and level a title's name says; the series is null when the name is a bare level (中级). */
export function titleFromName(name: string): { series: string | null; level: TitleLevel } | null {
  const text = name.replace(/\s/g, '');
  const known = TITLE_NAMES.get(text) ?? TITLE_NAMES.get(text.replace(/（[^）]*）|\([^)]*\)/g, ''));
  if (known) return known;
  // 「中级会计师」「初级经济师」「中级工程师」: an exam's level before a 中级 name.
  const prefixed = /^(初级|中级)(.+)$/.exec(text);
  const base = prefixed ? TITLE_NAMES.get(prefixed[2]!) : undefined;
  if (prefixed && base?.level === '中级') return { series: base.series, level: LEVEL_NAMES[prefixed[1]!]! };
  const level = titleLevelFromText(text);
  return level ? { series: null, level } : null;
}

export function titleLevelFromText(text: string): TitleLevel | null {
  return LEVEL_NAMES[text.replace(/\s/g, '').replace(/职称$/, '')] ?? null;
}

/** 职称系列 as HR writes it (工程技术、工程系列) to the pack's short name (工程). */
export function normaliseSeries(text: string): string {
  const bare = text.replace(/\s/g, '').replace(/系列$/, '');
  const aliases: Record<string, string> = {
    工程技术: '工程',
    卫生技术: '卫生',
    农业技术: '农业',
    高校教师: '高等学校教师',
    中小学: '中小学教师',
  };
  return aliases[bare] ?? bare;
}

/** Synonyms HR files use for 考核结果; the preview says when one was mapped. */
export const RESULT_SYNONYMS: Readonly<Record<string, AssessmentResult>> = {
  优: '优秀',
  优秀: '优秀',
  合格: '合格',
  称职: '合格',
  基本合格: '基本合格',
  基本称职: '基本合格',
  不合格: '不合格',
  不称职: '不合格',
  不定等次: '不定等次',
  不确定等次: '不定等次',
  未定等次: '不定等次',
};

export const EDUCATION_SYNONYMS: Readonly<Record<string, EducationLevel>> = {
  中专: '中专',
  中等专科: '中专',
  中技: '中专',
  技校: '中专',
  大专: '大专',
  专科: '大专',
  大学专科: '大专',
  高职: '大专',
  本科: '本科',
  大学本科: '本科',
  大本: '本科',
  硕士: '硕士',
  硕士研究生: '硕士',
  研究生: '硕士',
  博士: '博士',
  博士研究生: '博士',
};

/** 工学学士 → 学士; 第二学士 stays itself. */
export function degreeFromText(text: string): Degree | null {
  const bare = text.replace(/\s/g, '').replace(/学位$/, '');
  if (bare === '第二学士') return '第二学士';
  for (const degree of ['学士', '硕士', '博士'] as const) if (bare.endsWith(degree)) return degree;
  return null;
}

export const CE_CATEGORY_SYNONYMS: Readonly<Record<string, CeKind>> = {
  公需: '公需',
  公需科目: '公需',
  公共科目: '公需',
  专业: '专业',
  专业科目: '专业',
  专业课: '专业',
};

/** 取得方式 as HR writes it. 考试 is 以考代评 (会计师, 经济师 …). */
export const VIA_SYNONYMS: Readonly<Record<string, '初定' | '评审' | '认定' | '考试'>> = {
  初定: '初定',
  考核认定: '初定',
  评审: '评审',
  评定: '评审',
  认定: '认定',
  转评: '认定',
  考试: '考试',
  以考代评: '考试',
  考评结合: '考试',
};
