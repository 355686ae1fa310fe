import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../../shared/validation/phone';

describe('phone numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['+86 13812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['025-83456789', '025-83456789'],
    ['(0512)68881234', '0512-68881234'],
    ['02583456789', '025-83456789'],
    ['025-83456789-801', '025-83456789-801'],
  ])('reads %j as %s', (raw, expected) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['1381234567', '12812345678', '83456789', 'abc', '138123456789'])('refuses %j', (raw) => {
    const result = parsePhone(raw);
    expect(!result.ok && result.message).toContain(`「${raw}」`);
  });
});
