/** The 工作总结 typed into the portal: counted as the portal counts it, with its limits. */
export const SUMMARY_LIMITS = { min: 800, max: 2000 } as const;
const MAX_BLANK_LINES = 5;

export interface SummaryCheck {
  characters: number;
  problems: string[];
  warnings: string[];
}

/** Characters without line breaks: what a text box's counter shows. */
export const countCharacters = (text: string) => [...text.replace(/\r?\n/g, '')].length;

export function checkSummary(text: string | null): SummaryCheck {
  const characters = countCharacters(text ?? '');
  const problems: string[] = [];
  const warnings: string[] = [];
  if (characters < SUMMARY_LIMITS.min) problems.push(`工作总结${characters}字，不足${SUMMARY_LIMITS.min}字`);
  if (characters > SUMMARY_LIMITS.max) problems.push(`工作总结${characters}字，超过${SUMMARY_LIMITS.max}字`);
  const blankLines = (text ?? '').split(/\r?\n/).filter((line) => line.trim() === '').length;
  if (blankLines > MAX_BLANK_LINES) warnings.push(`有${blankLines}个空行：门户的文本框会保留空行，建议删去`);
  return { characters, problems, warnings };
}
