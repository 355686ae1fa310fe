/** Search by pinyin and initials: 「liuyang」 and 「ly」 find 刘洋 on the people list and in the person pickers. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchesPinyin, personOptionMatches } from '../../../shared/search/pinyin';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

describe('matchesPinyin', () => {
  it('matches the full pinyin, the initials and a run of either, whatever the case and spaces', () => {
    for (const term of ['liuyang', 'ly', 'LiuYang', 'liu yang', 'yang', 'l'])
      expect(matchesPinyin('刘洋', term)).toBe(true);
    expect(matchesPinyin('刘洋', 'wang')).toBe(false);
    expect(matchesPinyin('刘洋', '刘')).toBe(false); // not latin: the plain text match handles it
  });
  it('reads a surname as a surname', () => {
    expect(matchesPinyin('单田芳', 'shantianfang')).toBe(true);
    expect(matchesPinyin('曾小贤', 'zxx')).toBe(true);
  });
});

describe('the people list and the person pickers', () => {
  let ws: TestWorkspace;
  beforeEach(async () => {
    ws = await openTestWorkspace();
    for (const [name, seq] of [
      ['刘洋', 11],
      ['王伟', 13],
      ['李亮', 15],
    ] as const)
      await ws.call('people.save', { name, idNumber: makeIdNumber('320102', '1990-05-06', seq), department: '技术部' });
  });
  afterEach(() => ws.cleanup());

  const names = async (search: string) => (await ws.call('people.list', { search })).rows.map((r) => r.name);

  it('finds 刘洋 by liuyang and by ly, and still by his name or his department', async () => {
    expect(await names('liuyang')).toEqual(['刘洋']);
    expect(await names('ly')).toEqual(['刘洋']);
    expect(await names('l')).toEqual(['刘洋', '李亮']);
    expect(await names('刘')).toEqual(['刘洋']);
    expect(await names('技术')).toHaveLength(3);
  });

  it('filters a person select the same way', () => {
    const label = '刘洋（技术部） …1234';
    expect(personOptionMatches('ly', label)).toBe(true);
    expect(personOptionMatches('liuyang', label)).toBe(true);
    expect(personOptionMatches('技术', label)).toBe(true);
    expect(personOptionMatches('ww', label)).toBe(false);
  });
});
