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
