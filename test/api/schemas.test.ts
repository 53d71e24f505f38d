/**
 * The schema pieces every payload shares (server/api/schemas.ts): real dates only, and text a
 * person could have typed.
 */
import { isRealDay, zDate, zText } from '../../server/api/schemas';

describe('dates', () => {
  it('are real days of the calendar within 2000–2100', () => {
    expect(isRealDay(2028, 2, 29)).toBe(true);
    expect(isRealDay(2027, 2, 29)).toBe(false);
    expect(isRealDay(2026, 13, 1)).toBe(false);
    expect(isRealDay(1999, 12, 31)).toBe(false);
    expect(isRealDay(2101, 1, 1)).toBe(false);
    expect(zDate.safeParse('2026-02-30').success).toBe(false);
    expect(zDate.safeParse('0000-01-01').success).toBe(false);
    expect(zDate.safeParse('2026-12-31').success).toBe(true);
  });
});

describe('zText', () => {
  const reason = zText(10, '原因');

  it('trims, and refuses empty or too long text', () => {
    expect(reason.parse('  房屋失火 ')).toBe('房屋失火');
    expect(reason.safeParse('   ').success).toBe(false);
    expect(reason.safeParse('一二三四五六七八九十一').success).toBe(false);
  });

  it('keeps line breaks and tabs, and refuses NUL, escape and other control characters', () => {
    expect(reason.parse('第一行\n第二行\t')).toBe('第一行\n第二行');
    for (const control of ['\u0000', '\u001b[31m', '\u0007', '\u007f']) {
      expect(reason.safeParse(`房屋${control}失火`).success).toBe(false);
    }
  });
});
