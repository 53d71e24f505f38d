import {
  assertFen,
  fenToYuanInput,
  formatYuan,
  formatYuanShort,
  isFen,
  sumFen,
  yuanToFen,
} from '../../miniprogram/domain/money';

describe('yuanToFen', () => {
  it.each([
    ['500', 50_000],
    ['500.5', 50_050],
    ['500.05', 50_005],
    ['1,000.00', 100_000],
    ['1,234,567.89', 123_456_789],
    ['0.01', 1],
    ['000500', 50_000],
    [' ¥500 ', 50_000],
    ['￥1,000', 100_000],
    ['500元', 50_000],
  ])('money is integer fen: "%s" is %d fen', (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });

  it('money is integer fen: parses the decimal string, so 0.29 and 19.99 yuan lose no fen to float error', () => {
    // The float way gets these wrong: 0.29 * 100 === 28.999999999999996, 19.99 * 100 === 1998.9999999999998.
    expect(Math.floor(0.29 * 100)).toBe(28);
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen(19.99)).toBe(1999);
  });

  it('money is integer fen: a float that is not a 2-decimal amount (0.1 + 0.2) is rejected, not rounded', () => {
    expect(() => yuanToFen(0.1 + 0.2)).toThrow(RangeError);
    expect(yuanToFen(0.3)).toBe(30);
  });

  it.each([
    '1,000.005',
    '1.005',
    '500.',
    '.5',
    '1,00',
    '1000,000',
    '1,0000',
    '',
    '   ',
    'abc',
    '1e3',
    '5 00',
    'NaN',
    '¥',
    '元',
  ])('rejects "%s" (more than 2 decimals or not an amount)', (input) => {
    expect(() => yuanToFen(input)).toThrow(RangeError);
  });

  it.each([NaN, Infinity, -Infinity, 1e21, 1e-7])('rejects the number %p', (input) => {
    expect(() => yuanToFen(input)).toThrow(RangeError);
  });

  it('rejects negative amounts from a form unless asked to accept them (R-FUND-3 reversing entries)', () => {
    expect(() => yuanToFen('-500')).toThrow(/negative/);
    expect(() => yuanToFen(-5)).toThrow(/negative/);
    expect(yuanToFen('-500.5', { allowNegative: true })).toBe(-50_050);
    expect(Object.is(yuanToFen('-0', { allowNegative: true }), 0)).toBe(true);
  });

  it('stays exact up to the largest safe amount and refuses beyond it', () => {
    expect(yuanToFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => yuanToFen('90071992547409.92')).toThrow(/too large/);
    expect(() => yuanToFen('123456789012345')).toThrow(/too large/);
  });

  it('R-CAP-1, R-CAP-2: the 500 and 1,000 yuan caps are exactly 50,000 and 100,000 fen', () => {
    expect(yuanToFen('500')).toBe(500 * 100);
    expect(yuanToFen('1,000')).toBe(1000 * 100);
  });
});

describe('assertFen / isFen', () => {
  it.each([1.5, NaN, Infinity, 2 ** 53, '100', null, undefined])('money is integer fen: %p is not fen', (value) => {
    expect(isFen(value)).toBe(false);
    expect(() => assertFen(value)).toThrow(RangeError);
  });

  it('accepts zero, positive and negative integers', () => {
    expect(() => assertFen(0)).not.toThrow();
    expect(() => assertFen(-100)).not.toThrow();
    expect(isFen(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('names the amount in its message', () => {
    expect(() => assertFen(0.5, 'grant')).toThrow(/grant/);
  });
});

describe('formatting', () => {
  it.each([
    [100_000, '¥1,000.00'],
    [5, '¥0.05'],
    [0, '¥0.00'],
    [99, '¥0.99'],
    [123_456_789, '¥1,234,567.89'],
    [3_000_000, '¥30,000.00'],
    [-5000, '-¥50.00'],
  ])('formatYuan(%d) is %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('formatYuan can leave out the symbol', () => {
    expect(formatYuan(100_000, { withSymbol: false })).toBe('1,000.00');
    expect(formatYuan(-1, { withSymbol: false })).toBe('-0.01');
  });

  it.each([
    [100_000, '1000元'],
    [50_050, '500.5元'],
    [50_005, '500.05元'],
    [5, '0.05元'],
    [0, '0元'],
    [-50_000, '-500元'],
  ])('R-PROC-6: a notice shows the amount plainly, formatYuanShort(%d) is %s', (fen, text) => {
    expect(formatYuanShort(fen)).toBe(text);
  });

  it('money is integer fen: formatting refuses a yuan float passed as fen', () => {
    expect(() => formatYuan(500.5)).toThrow(RangeError);
    expect(() => formatYuanShort(0.1)).toThrow(RangeError);
  });

  it('fenToYuanInput round-trips through yuanToFen', () => {
    expect(fenToYuanInput(50_050)).toBe('500.50');
    expect(fenToYuanInput(7)).toBe('0.07');
    for (const fen of [0, 1, 10, 99, 100, 12_345, 100_000, 123_456_789]) {
      expect(yuanToFen(fenToYuanInput(fen))).toBe(fen);
    }
    expect(yuanToFen(fenToYuanInput(-250), { allowNegative: true })).toBe(-250);
  });
});

describe('sumFen', () => {
  it('money is integer fen: 10 fen + 20 fen is exactly 30 fen, where 0.1 + 0.2 yuan is not 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumFen([10, 20])).toBe(30);
    expect(sumFen([])).toBe(0);
  });

  it('R-FUND-3: an entry and its reversing entry sum to zero', () => {
    expect(sumFen([50_000, 1_000_000, -50_000])).toBe(1_000_000);
    expect(sumFen([12_345, -12_345])).toBe(0);
  });

  it('rejects a non-fen amount and says which one', () => {
    expect(() => sumFen([100, 0.5])).toThrow(/#1/);
  });

  it('rejects a total outside the safe range, even when a later entry would bring it back', () => {
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])).toThrow(
      RangeError,
    );
  });
});
