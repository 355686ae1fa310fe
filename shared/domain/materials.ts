/**
 * The materials the portal asks for, in the order of its modules. One catalogue serves the
 * checklists, the upload kit's file names, the scan-folder matcher's keywords and the size limits.
 * Module numbers are the kit's file-name prefixes (01_学历学位_…); 04 工作总结 is typed, not uploaded.
 */
export interface MaterialType {
  type: string;
  module: string;
  /** The kit's prefix: the module's place in the portal. */
  order: number;
  /** One file per calendar year (年度考核, 继续教育). */
  perYear?: boolean;
  /** Words in a scanned file's name that point to this material. */
  keywords: readonly string[];
  /** The portal's size limit for one file, in KB. */
  limitKb: number;
  /** Valid for this many days after it is downloaded, unless the user enters its date. */
  validDays?: number;
}

const ORDINARY_KB = 500;
const ACHIEVEMENTS_KB = 10_000;

export const MATERIAL_TYPES = [
  // The 评审 form's 身份证 front and back (ahead of every module: the applicant's identity).
  { type: '身份证', module: '基本信息', order: 0, keywords: ['身份证正反面', '身份证复印件'], limitKb: ORDINARY_KB },
  { type: '学历证书', module: '学历学位', order: 1, keywords: ['毕业证', '学历证'], limitKb: ORDINARY_KB },
  { type: '学位证书', module: '学历学位', order: 1, keywords: ['学位'], limitKb: ORDINARY_KB },
  {
    type: '学信网备案表',
    module: '学历学位',
    order: 1,
    keywords: ['学信', '备案表', '学历认证'],
    limitKb: ORDINARY_KB,
    // Often 3 months; the user corrects it from the report's own date.
    validDays: 90,
  },
  { type: '工作经历证明', module: '工作经历', order: 2, keywords: ['工作经历', '工作证明'], limitKb: ORDINARY_KB },
  {
    // The title held now: a 评审's qualifying years run from it, so every 评审 kit carries it.
    type: '职称证书',
    module: '专业技术资格/执业资格',
    order: 3,
    keywords: ['职称证书', '现职称', '专业技术资格证书', '电子证书'],
    limitKb: ORDINARY_KB,
  },
  {
    type: '执业资格证书',
    module: '专业技术资格/执业资格',
    order: 3,
    keywords: ['资格证', '执业', '教师资格'],
    limitKb: ORDINARY_KB,
  },
  { type: '年度考核表', module: '年度考核', order: 5, perYear: true, keywords: ['考核'], limitKb: ORDINARY_KB },
  {
    type: '继续教育证书',
    module: '继续教育',
    order: 6,
    perYear: true,
    keywords: ['继续教育', '公需', '学时'],
    limitKb: ORDINARY_KB,
  },
  {
    type: '单位同意证明',
    module: '单位公示及结果报告证明',
    order: 7,
    keywords: ['同意', '推荐'],
    limitKb: ORDINARY_KB,
  },
  { type: '诚信承诺书', module: '单位公示及结果报告证明', order: 7, keywords: ['承诺'], limitKb: ORDINARY_KB },
  { type: '社保缴费证明', module: '社保缴费证明', order: 8, keywords: ['社保', '社会保险'], limitKb: ORDINARY_KB },
  { type: '工作业绩', module: '工作业绩', order: 9, keywords: ['业绩'], limitKb: ACHIEVEMENTS_KB },
  { type: '业绩证明', module: '工作业绩', order: 9, keywords: ['业绩证明', '项目证明'], limitKb: ACHIEVEMENTS_KB },
  { type: '论文', module: '工作业绩', order: 9, keywords: ['论文', '论著', '期刊'], limitKb: ACHIEVEMENTS_KB },
  { type: '获奖证书', module: '工作业绩', order: 9, keywords: ['获奖', '奖项', '荣誉证书'], limitKb: ACHIEVEMENTS_KB },
  { type: '专利证书', module: '工作业绩', order: 9, keywords: ['专利'], limitKb: ACHIEVEMENTS_KB },
  { type: '原申报表', module: '历史职称材料', order: 1, keywords: ['申报表'], limitKb: ORDINARY_KB },
  { type: '老证书', module: '历史职称材料', order: 1, keywords: ['老证书', '职称证'], limitKb: ORDINARY_KB },
  { type: '批文', module: '历史职称材料', order: 1, keywords: ['批文', '文件'], limitKb: ORDINARY_KB },
  { type: '证书作废登报声明', module: '补办材料', order: 2, keywords: ['登报', '作废'], limitKb: ORDINARY_KB },
  { type: '证书补办申请表', module: '补办材料', order: 2, keywords: ['补办', '换发'], limitKb: ORDINARY_KB },
  { type: '其他材料', module: '其他材料', order: 10, keywords: [], limitKb: ORDINARY_KB },
] as const satisfies readonly MaterialType[];

export type MaterialTypeName = (typeof MATERIAL_TYPES)[number]['type'];
export const MATERIAL_TYPE_NAMES = MATERIAL_TYPES.map((m) => m.type) as unknown as readonly [
  MaterialTypeName,
  ...MaterialTypeName[],
];

export const materialType = (name: string): MaterialType | undefined => MATERIAL_TYPES.find((m) => m.type === name);
