/** Messages an import shows: never a validator's raw words, always the column and what to do. */
import type { z } from 'zod';

/**
 * Our field builders name their field in every message; zod's own (「无效输入：期望 string，实际接收
 * 空值(null)」) name nothing a user can act on, so they are said again in plain words.
 */
export function friendlyIssue(issue: z.core.$ZodIssue, label: string, input: unknown): string {
  if (issue.message.includes(label)) return issue.message;
  if (input === null || input === undefined || input === '') return `${label}不能为空`;
  return `${label}的内容「${String(input).slice(0, 30)}」格式不对`;
}
