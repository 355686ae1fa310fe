/** The fixed vocabularies of the domain, as the portal and HR write them. */
export const GENDERS = ['男', '女'] as const;
export const EDUCATION_LEVELS = ['中专', '大专', '本科', '硕士', '博士'] as const;
export const DEGREES = ['学士', '硕士', '博士', '第二学士'] as const;
export const TITLE_LEVELS = ['员级', '助理级', '中级', '副高级', '正高级'] as const;
/** 考试 is 以考代评 (会计师, 经济师 …). */
export const TITLE_VIAS = ['初定', '评审', '认定', '考试'] as const;
export const ASSESSMENT_RESULTS = ['优秀', '合格', '基本合格', '不合格', '不定等次'] as const;
export const CE_KINDS = ['公需', '专业'] as const;
export const PERSON_CATEGORIES = ['事业编制', '企业', '劳务派遣', '其他'] as const;
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] as const;
export const DECLARATION_TYPES = ['初定', '评审', '历史职称数据登记', '证书补办'] as const;
export const DECLARATION_STATUSES = ['准备中', '材料齐全', '已导出', '已提交', '退回修改', '已通过', '已领证'] as const;
export const DOCUMENT_SOURCES = ['扫描', '导入', '生成', '手动'] as const;

export type Gender = (typeof GENDERS)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type Degree = (typeof DEGREES)[number];
export type TitleLevel = (typeof TITLE_LEVELS)[number];
export type TitleVia = (typeof TITLE_VIAS)[number];
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];
export type CeKind = (typeof CE_KINDS)[number];
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];
export type DeclarationType = (typeof DECLARATION_TYPES)[number];
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

/** The kinds of a person's records, and what HR calls them. */
export const RECORD_KINDS = ['education', 'work', 'title', 'assessment', 'ce'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_LABELS: Record<RecordKind, string> = {
  education: '学历',
  work: '工作经历',
  title: '职称',
  assessment: '年度考核',
  ce: '继续教育',
};
