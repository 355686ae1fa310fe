/** A declaration's life, as the portal and the reviewing office move it. */
import type { DeclarationStatus } from '../domain/enums';

/** Where each status may go next; 退回修改 needs the reason the office sent by SMS. */
export const STATUS_TRANSITIONS: Record<DeclarationStatus, readonly DeclarationStatus[]> = {
  准备中: ['材料齐全'],
  材料齐全: ['准备中', '已导出'],
  已导出: ['准备中', '材料齐全', '已提交'],
  已提交: ['退回修改', '已通过'],
  退回修改: ['准备中', '已提交'],
  已通过: ['已领证'],
  已领证: [],
};

export function transitionProblem(
  from: DeclarationStatus,
  to: DeclarationStatus,
  reason: string | null,
): string | null {
  if (from === to) return `已经是“${to}”`;
  if (!STATUS_TRANSITIONS[from].includes(to))
    return `不能从“${from}”改为“${to}”（可改为：${STATUS_TRANSITIONS[from].join('、') || '无'}）`;
  if (to === '退回修改' && !reason?.trim()) return '退回修改须填写退回原因（短信中的原文）';
  return null;
}

/** What a declaration's record says, against which a status is checked. */
export interface StatusFacts {
  /** The checklist's missing items, in Chinese. */
  missing: readonly string[];
  /** An upload kit of this declaration has been exported. */
  kitExported: boolean;
}

export const KIT_NOT_EXPORTED = '尚未导出上传材料包';

/**
 * What a status would certify that the record contradicts: 材料齐全 and the steps after it claim a
 * complete checklist, 已导出 and 已提交 an exported kit. Empty when the facts agree.
 */
export function unmetFacts(to: DeclarationStatus, facts: StatusFacts): string[] {
  const needsChecklist = to === '材料齐全' || to === '已导出' || to === '已提交';
  const needsKit = to === '已导出' || to === '已提交';
  return [...(needsChecklist ? facts.missing : []), ...(needsKit && !facts.kitExported ? [KIT_NOT_EXPORTED] : [])];
}

/** The history's note for a status set against the facts: what was missing, and the user's reason. */
export const overrideNote = (unmet: readonly string[], reason: string) =>
  `越过检查（${unmet.slice(0, 5).join('；')}${unmet.length > 5 ? ` 等${unmet.length}项` : ''}）：${reason}`;
