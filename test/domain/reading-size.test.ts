import {
  ELDERLY_PRIMARY_TARGET_RPX,
  ELDERLY_SCALE,
  readingSize,
  readReadingChoice,
} from '../../miniprogram/domain/reading-size';

describe('reading size (issue 11: elderly mode follows WeChat)', () => {
  it('normal reading at WeChat’s default size: scale 1 and app.wxss’s own tokens (text ≥ 32rpx)', () => {
    expect(readingSize('system', 1)).toEqual({ elderly: false, scale: 1, style: '' });
  });

  it('follows a large WeChat font setting: elderly mode at WeChat’s own factor', () => {
    const size = readingSize('system', 1.3);
    expect(size.elderly).toBe(true);
    expect(size.scale).toBe(1.3);
    expect(size.style).toContain('--jjn-scale: 1.3;');
  });

  it('大字模式 on a phone at the default size: body 32rpx × 1.125 = 36rpx, primary targets 120rpx', () => {
    const size = readingSize('large', 1);
    expect(size.scale).toBe(ELDERLY_SCALE);
    expect(32 * size.scale).toBe(36);
    expect(size.style).toBe(`--jjn-scale: 1.125; --jjn-target-primary: ${ELDERLY_PRIMARY_TARGET_RPX}rpx;`);
  });

  it('primary targets grow with the factor beyond 1.125, and the factor stops at 1.5', () => {
    expect(readingSize('large', 1.35).style).toBe('--jjn-scale: 1.35; --jjn-target-primary: 144rpx;');
    expect(readingSize('system', 2.2).scale).toBe(1.5);
  });

  it('switched off on home, pages read at the normal size even with WeChat’s font large', () => {
    expect(readingSize('normal', 1.4)).toEqual({ elderly: false, scale: 1, style: '' });
  });

  it('a slightly larger WeChat font (below 1.1) stays normal; a missing or odd factor counts as 1', () => {
    expect(readingSize('system', 1.05).elderly).toBe(false);
    expect(readingSize('system', Number.NaN)).toEqual(readingSize('system', 1));
    expect(readingSize('system', -3)).toEqual(readingSize('system', 1));
  });

  it('reads only its own stored values; anything else follows WeChat', () => {
    expect(readReadingChoice('large')).toBe('large');
    expect(readReadingChoice('normal')).toBe('normal');
    expect(readReadingChoice('')).toBe('system');
    expect(readReadingChoice({ large: true })).toBe('system');
  });
});
