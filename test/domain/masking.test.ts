import { hasCompoundSurname, maskIdNumber, maskName, maskPhone } from '../../miniprogram/domain/masking';

describe('maskName', () => {
  it.each([
    ['张国华', '张*华'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['司马相如', '司**如'],
    ['王小二狗', '王**狗'],
    ['买买提·艾力', '买****力'],
    ['John Smith', 'J********h'],
  ])('R-PROC-6: a public notice shows %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('R-PROC-6: a compound surname with a one-character given name keeps the surname and hides the given name', () => {
    expect(maskName('欧阳娜')).toBe('欧阳*');
    expect(maskName('诸葛亮')).toBe('诸葛*');
    // An ordinary three-character name is not mistaken for one.
    expect(maskName('欧国华')).toBe('欧*华');
    expect(hasCompoundSurname('欧阳娜')).toBe(true);
    expect(hasCompoundSurname('张国华')).toBe(false);
  });

  it('R-PROC-6: never shows a three-character name whole, nor its middle character', () => {
    for (const name of ['张国华', '李建国', '刘德华']) {
      const masked = maskName(name);
      expect(masked).not.toBe(name);
      expect(masked).not.toContain(name[1]);
      expect(Array.from(masked)).toHaveLength(3);
    }
  });

  it('masks a one-character name whole and returns "" for empty or blank input', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('   ')).toBe('');
    expect(maskName(' 张国华 ')).toBe('张*华');
  });

  it('counts a character outside the BMP (𠮷) as one character', () => {
    expect(maskName('𠮷国华')).toBe('𠮷*华');
    expect(maskName('张𠮷')).toBe('张*');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters and hides the birth date', () => {
    const masked = maskIdNumber('11010519491231002X');
    expect(masked).toBe('110***********002X');
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain('19491231');
    expect(masked).not.toContain('110105');
  });

  it('applies the same rule to an old 15-digit number and ignores spaces', () => {
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
    expect(maskIdNumber('110105 19491231 002X')).toBe('110***********002X');
  });

  it('masks a value too short to hide enough of it whole', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['(0571) 8888-6666', '057*****6666'],
  ])('%s is shown as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('masks a short number whole and returns "" for empty input', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('8888666')).toBe('*******');
    expect(maskPhone('')).toBe('');
    expect(maskPhone('  ')).toBe('');
  });

  it('never leaves the middle four digits of a mobile number visible', () => {
    expect(maskPhone('13899997777')).not.toContain('9999');
  });
});
