/** 专业对口 guessed from the names where they tell, and left to the user where they do not. */
import { describe, expect, it } from 'vitest';
import { guessMajorMatch } from '../../../shared/domain/majorMatch';

describe('guessMajorMatch', () => {
  it('is a match when one name contains the other', () => {
    expect(guessMajorMatch('通信工程', '通信')).toBe(true);
    expect(guessMajorMatch('电气工程 ', '电气工程及其自动化专业')).toBe(true);
  });
  it('asks (null) when the names cannot tell, or one is missing', () => {
    expect(guessMajorMatch('电气工程及其自动化', '电力')).toBeNull();
    expect(guessMajorMatch('汉语言文学', '通信工程')).toBeNull();
    expect(guessMajorMatch('通信工程', null)).toBeNull();
    expect(guessMajorMatch('', '通信工程')).toBeNull();
  });
});
