import {
  DEMO_REGION_CODE,
  birthDateOf,
  genderOf,
  idNumberCheckDigit,
  isValidIdNumber,
  makeIdNumber,
  normalizeIdNumber,
} from '../../miniprogram/domain/id-number';

/**
 * An independent ISO 7064 MOD 11-2 written from the standard's definition (weights 2^(17-i) mod 11,
 * check value (12 - sum mod 11) mod 11, 10 written X), not from the code's lookup tables.
 */
function referenceCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

// The examples printed in GB 11643-1999 itself.
const GB_EXAMPLE_FEMALE_1949 = '11010519491231002X';
const GB_EXAMPLE_MALE_1880 = '440524188001010014';

describe('idNumberCheckDigit', () => {
  it('R-PROC-2: matches the published GB 11643 examples', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(idNumberCheckDigit('44052418800101001')).toBe('4');
  });

  it('agrees with the reference MOD 11-2 on many inputs, every check value included', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const first17 = String(10_000_000_000_000_000n + BigInt(i) * 7_919_000_003n).slice(0, 17);
      const expected = referenceCheckCharacter(first17);
      expect(idNumberCheckDigit(first17)).toBe(expected);
      seen.add(expected);
    }
    expect(seen.size).toBe(11);
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100A'])('throws on "%s"', (input) => {
    expect(() => idNumberCheckDigit(input)).toThrow(RangeError);
  });
});

describe('isValidIdNumber', () => {
  it('R-PROC-2: accepts the GB 11643 example and reads its birth date and gender', () => {
    expect(isValidIdNumber(GB_EXAMPLE_FEMALE_1949)).toBe(true);
    expect(birthDateOf(GB_EXAMPLE_FEMALE_1949)).toBe('1949-12-31');
    expect(genderOf(GB_EXAMPLE_FEMALE_1949)).toBe('female');
    expect(genderOf(GB_EXAMPLE_MALE_1880)).toBe('male');
  });

  it('R-PROC-2: rejects every single-digit typo in the first 17 digits', () => {
    for (let position = 0; position < 17; position += 1) {
      const original = Number(GB_EXAMPLE_FEMALE_1949[position]);
      const typo = `${GB_EXAMPLE_FEMALE_1949.slice(0, position)}${(original + 1) % 10}${GB_EXAMPLE_FEMALE_1949.slice(position + 1)}`;
      expect(isValidIdNumber(typo)).toBe(false);
    }
  });

  it('rejects a wrong check character and two swapped neighbouring digits', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194912310202')).toBe(false);
  });

  it('rejects a birth date that is not on the calendar, even with a correct check character', () => {
    const feb30 = '11010519490230002';
    expect(isValidIdNumber(feb30 + referenceCheckCharacter(feb30))).toBe(false);
    const feb29In1949 = '11010519490229002';
    expect(isValidIdNumber(feb29In1949 + referenceCheckCharacter(feb29In1949))).toBe(false);
    const feb29In2000 = '11010520000229002';
    expect(isValidIdNumber(feb29In2000 + referenceCheckCharacter(feb29In2000))).toBe(true);
  });

  it('rejects a birth year before 1900 (the 1880 GB example has a correct check character but no living holder)', () => {
    expect(referenceCheckCharacter(GB_EXAMPLE_MALE_1880.slice(0, 17))).toBe('4');
    expect(isValidIdNumber(GB_EXAMPLE_MALE_1880)).toBe(false);
  });

  it('rejects a birth date after today, with today read in Beijing time', () => {
    const bornJune1 = makeIdNumber({ birthDate: '2026-06-01', sequence: 1 });
    expect(isValidIdNumber(bornJune1, { today: '2026-05-31' })).toBe(false);
    expect(isValidIdNumber(bornJune1, { today: '2026-06-01' })).toBe(true);
    // 2026-05-31 23:59 and 2026-06-01 00:30 in Beijing.
    expect(isValidIdNumber(bornJune1, { today: new Date('2026-05-31T15:59:00Z') })).toBe(false);
    expect(isValidIdNumber(bornJune1, { today: new Date('2026-05-31T16:30:00Z') })).toBe(true);
  });

  it.each([
    ['lower-case x', '11010519491231002x'],
    ['surrounding spaces', ' 11010519491231002X'],
    ['15 digits (old format)', '110105491231002'],
    ['19 characters', '11010519491231002X0'],
    ['X inside', '1101051949123100X2'],
    ['region code starting with 0', '010105194912310029'],
    ['empty', ''],
  ])('rejects %s', (_label, input) => {
    expect(isValidIdNumber(input)).toBe(false);
  });

  it('normalizeIdNumber fixes case and spaces so a typed number validates', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe(GB_EXAMPLE_FEMALE_1949);
    expect(isValidIdNumber(normalizeIdNumber('11010519491231002x'))).toBe(true);
  });

  it('birthDateOf and genderOf refuse malformed numbers', () => {
    expect(() => birthDateOf('110105194913310029')).toThrow(RangeError);
    expect(() => genderOf('abc')).toThrow(RangeError);
  });
});

describe('makeIdNumber', () => {
  it('makes valid numbers in the made-up demo region that no real person holds', () => {
    expect(DEMO_REGION_CODE.startsWith('99')).toBe(true);
    const id = makeIdNumber({ birthDate: '1962-03-15', sequence: 37 });
    expect(id).toHaveLength(18);
    expect(id.startsWith(DEMO_REGION_CODE)).toBe(true);
    expect(id.slice(6, 17)).toBe('19620315037');
    expect(id[17]).toBe(referenceCheckCharacter(id.slice(0, 17)));
    expect(isValidIdNumber(id)).toBe(true);
    expect(birthDateOf(id)).toBe('1962-03-15');
    expect(genderOf(id)).toBe('male');
    expect(genderOf(makeIdNumber({ birthDate: '1962-03-15', sequence: 38 }))).toBe('female');
  });

  it('takes another region code when given one', () => {
    expect(makeIdNumber({ regionCode: '990102', birthDate: '2001-01-01', sequence: 0 }).slice(0, 6)).toBe('990102');
  });

  it.each([
    [{ regionCode: '99999', birthDate: '1990-01-01', sequence: 1 }],
    [{ regionCode: '099999', birthDate: '1990-01-01', sequence: 1 }],
    [{ birthDate: '1990-02-30', sequence: 1 }],
    [{ birthDate: '19900101', sequence: 1 }],
    [{ birthDate: '1990-01-01', sequence: 1000 }],
    [{ birthDate: '1990-01-01', sequence: 1.5 }],
  ])('throws on %p', (input) => {
    expect(() => makeIdNumber(input)).toThrow(RangeError);
  });
});
