import { describe, expect, it } from 'vitest';
import { redact } from '../../../shared/validation/redact';

describe('redact', () => {
  it('masks ID numbers and mobile numbers wherever they appear', () => {
    expect(redact('UNIQUE failed: 11010519491231002X; 电话13812345678。')).toBe(
      'UNIQUE failed: 110105********002X; 电话138****5678。',
    );
    expect(redact('id=36042619910101007x')).toBe('id=360426********007x');
  });

  it('leaves other numbers alone', () => {
    expect(redact('row 12345, 2026-11-23, 1234567890123456789012')).toBe(
      'row 12345, 2026-11-23, 1234567890123456789012',
    );
  });
});
