/**
 * What documents say they are, beside the material catalogue (shared/domain/materials.ts): the
 * phrases a document's title uses, most specific first. A document is the type whose phrase
 * appears earliest in its text (titles come first); phrases are written as OCR reads them
 * after normalizeText, so no spaces and ASCII punctuation.
 */
import type { MaterialTypeName } from '../domain/materials';

export interface DocumentTypePhrases {
  type: MaterialTypeName;
  says: string[];
}

export const DOCUMENT_TYPES: DocumentTypePhrases[] = [
  {
    type: '学信网备案表',
    says: [
      '学历证书电子注册备案表',
      '电子注册备案表',
      '注册备案表',
      '学籍在线验证报告',
      '学位在线验证报告',
      '在线验证报告',
    ],
  },
  { type: '年度考核表', says: ['年度考核登记表', '考核登记表', '年度考核表', '年度考核结果', '考核表'] },
  {
    type: '继续教育证书',
    says: ['公需科目', '继续教育合格证', '继续教育证书', '继续教育学时', '学时证明', '继续教育', '培训合格证'],
  },
  {
    type: '职称证书',
    says: ['专业技术资格证书', '专业技术职务任职资格证书', '专业技术职务资格证书', '职称证书', '任职资格证书'],
  },
  { type: '执业资格证书', says: ['执业资格证书', '职业资格证书', '执业证书', '注册证书'] },
  { type: '社保缴费证明', says: ['社会保险参保缴费证明', '参保缴费证明', '社会保险缴费', '参保证明'] },
  { type: '学位证书', says: ['学位证书', '学士学位', '硕士学位', '博士学位'] },
  { type: '学历证书', says: ['毕业证书', '准予毕业'] },
  { type: '身份证', says: ['居民身份证', '公民身份号码'] },
  { type: '单位同意证明', says: ['单位同意', '同意推荐', '同意其申报', '同意申报', '同意该同志'] },
  { type: '诚信承诺书', says: ['诚信承诺书', '承诺书', '诚信承诺'] },
];

/** Only a document's first characters are its title; a type named later is what the body mentions. */
const TITLE_CHARS = 120;

/** The material type a document says it is, or null. */
export function documentType(normalized: string): MaterialTypeName | null {
  let best: { type: MaterialTypeName; at: number; rank: number } | null = null;
  const head = normalized.slice(0, TITLE_CHARS);
  for (const [rank, entry] of DOCUMENT_TYPES.entries()) {
    for (const phrase of entry.says) {
      const at = head.indexOf(phrase);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && rank < best.rank)) best = { type: entry.type, at, rank };
    }
  }
  if (best) return best.type;
  for (const entry of DOCUMENT_TYPES) if (entry.says.some((phrase) => normalized.includes(phrase))) return entry.type;
  return null;
}
