/** A step of the engine in sentences HR can read and check: which rule, which education, which dates, what blocks. */
import type { Step } from './engine';
import type { RulePack } from './pack';

const GRADE_TEXT = { A: '官方或标准原文', B: '第三方转引具体文件', C: '第三方解读', U: '未核实' } as const;

export function explainStep(step: Step | null, pack: RulePack, label: string): string[] {
  if (step === null) return [`${label}：已是最高级别，无需再申报`];
  const lines: string[] = [];
  const target = `${step.route}${step.level ?? ''}`;
  // A step after one not yet taken says what it waits for; its date counts from that step's.
  if (step.eligibleOn && step.after) lines.push(`${label}：${target}，${step.after}（最早 ${step.eligibleOn}）`);
  else if (step.eligibleOn)
    lines.push(`${label}：${target}，最早 ${step.eligibleOn}${step.eligibleNow ? '（现在可申报）' : ''}`);
  else lines.push(`${label}：${target}，无法确定日期`);
  if (step.education) lines.push(`依据学历：${step.education}`);
  const chuding = pack.chuding.find((r) => r.id === step.rule);
  const pingshen = pack.pingshen.find((r) => r.id === step.rule);
  if (chuding) {
    const years = chuding.outcomes
      .map((o) => `${o.level}${o.years === 0 ? '（参加工作即可）' : `（参加工作满${o.years}年）`}`)
      .join('、');
    lines.push(
      `规则：${chuding.scheme === 'current' ? '现行' : '过渡期'}初定，${chuding.educations.join('/')} → ${years}`,
    );
    lines.push(`来源：${chuding.source}（可信度 ${chuding.grade}，${GRADE_TEXT[chuding.grade]}）`);
  }
  if (pingshen) {
    lines.push(
      `规则：评审，${pingshen.educations.join('/')}，任${pingshen.fromLevel}满${pingshen.years}年 → ${pingshen.target}`,
    );
    lines.push(`来源：${pingshen.source}（可信度 ${pingshen.grade}，${GRADE_TEXT[pingshen.grade]}）`);
  }
  for (const blocker of step.blockers) lines.push(`受阻：${blocker.message}`);
  return lines;
}
