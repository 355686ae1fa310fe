/** The 工作总结's limits as the portal counts them, and a declaration's whole life to 已领证. */
import { describe, expect, it } from 'vitest';
import { checkSummary, countCharacters } from '../../../shared/batches/summary';
import { STATUS_TRANSITIONS, transitionProblem } from '../../../shared/batches/statuses';

const text = (n: number) => '我'.repeat(n);

describe('工作总结 limits', () => {
  it.each([
    [799, ['工作总结799字，不足800字']],
    [800, []],
    [2000, []],
    [2001, ['工作总结2001字，超过2000字']],
  ])('%i characters', (n, problems) => {
    expect(checkSummary(text(n)).problems).toEqual(problems);
  });

  it('counts characters, not line breaks, and warns of many blank lines', () => {
    expect(countCharacters('一二\r\n三\n四')).toBe(4);
    const airy = `${text(900)}\n\n\n\n\n\n\n${text(100)}`;
    expect(checkSummary(airy)).toMatchObject({ characters: 1000, problems: [] });
    expect(checkSummary(airy).warnings[0]).toContain('6个空行');
    expect(checkSummary(null).problems).toEqual(['工作总结0字，不足800字']);
  });
});

describe('statuses', () => {
  it('walks 准备中 → … → 已通过 → 已领证, with 退回修改 needing its reason, and ends there', () => {
    const path = ['准备中', '材料齐全', '已导出', '已提交', '退回修改', '已提交', '已通过', '已领证'] as const;
    for (let i = 1; i < path.length; i++) {
      const reason = path[i] === '退回修改' ? '缺少2023年度考核表' : null;
      expect(transitionProblem(path[i - 1]!, path[i]!, reason)).toBeNull();
    }
    expect(transitionProblem('已提交', '退回修改', '  ')).toContain('须填写退回原因');
    expect(STATUS_TRANSITIONS.已领证).toEqual([]);
    expect(transitionProblem('已领证', '准备中', null)).toContain('可改为：无');
  });
});
