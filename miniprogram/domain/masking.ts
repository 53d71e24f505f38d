/**
 * Masking of personal information. Our reading of the plan (DESIGN, "Rules the plan implies"):
 * a public notice (R-PROC-6, R-OVS-3) shows a masked name like 张*华 and never an ID number,
 * phone number, address or diagnosis. maskIdNumber and maskPhone are for officer screens and
 * lists where the full value is not needed; they are never a licence to put either on a notice.
 * Pure: no Node APIs. Strings are handled by code point, so rare characters outside the BMP
 * (e.g. 𠮷) count as one character.
 */

/**
 * Two-character surnames (复姓) from 百家姓 and common use. Only consulted for three-character
 * names, where it decides whether the given name is one character or two.
 */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '太史',
  '端木',
  '上官',
  '司马',
  '东方',
  '独孤',
  '南宫',
  '万俟',
  '闻人',
  '夏侯',
  '诸葛',
  '尉迟',
  '公羊',
  '赫连',
  '澹台',
  '皇甫',
  '宗政',
  '濮阳',
  '公冶',
  '太叔',
  '申屠',
  '公孙',
  '慕容',
  '仲孙',
  '钟离',
  '长孙',
  '宇文',
  '司徒',
  '鲜于',
  '司空',
  '闾丘',
  '子车',
  '亓官',
  '司寇',
  '巫马',
  '公西',
  '颛孙',
  '壤驷',
  '公良',
  '漆雕',
  '乐正',
  '宰父',
  '谷梁',
  '拓跋',
  '夹谷',
  '轩辕',
  '令狐',
  '段干',
  '百里',
  '呼延',
  '东郭',
  '南门',
  '羊舌',
  '微生',
  '梁丘',
  '左丘',
  '西门',
  '第五',
  '东里',
  '南荣',
]);

const MASK = '*';

function characters(text: string): string[] {
  return Array.from(text);
}

export function hasCompoundSurname(name: string): boolean {
  return COMPOUND_SURNAMES.has(characters(name.trim()).slice(0, 2).join(''));
}

/**
 * 张国华 → 张*华, 张三 → 张*, 欧阳娜娜 → 欧**娜 (first and last kept, the middle masked).
 * A compound surname with a one-character given name (欧阳娜) keeps the surname and masks the
 * given name (欧阳*): the usual rule would show 欧*娜, i.e. the whole given name.
 * A one-character name becomes "*"; empty or blank input gives "".
 */
export function maskName(name: string): string {
  const chars = characters(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return MASK;
  if (chars.length === 2) return `${chars[0] ?? ''}${MASK}`;
  if (chars.length === 3 && hasCompoundSurname(name)) return `${chars.slice(0, 2).join('')}${MASK}`;
  return `${chars[0] ?? ''}${MASK.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}

/** At least this many characters are hidden; a shorter value is masked whole rather than half shown. */
const MIN_HIDDEN = 4;

/** Keeps `head` leading and `tail` trailing characters, or masks everything when too short. */
function keepEnds(chars: string[], head: number, tail: number): string {
  if (chars.length < head + tail + MIN_HIDDEN) return MASK.repeat(chars.length);
  return chars.slice(0, head).join('') + MASK.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/**
 * 11010519491231002X → 110***********002X: the first 3 (province and prefecture) and last 4
 * characters stay, so an officer can tell two people apart; the county code and the birth date,
 * the parts that identify a person most, are hidden. The same rule applies to 15-digit numbers.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = characters(idNumber.replace(/\s+/g, ''));
  if (chars.length === 0) return '';
  return keepEnds(chars, 3, 4);
}

/**
 * 13812345678 → 138****5678 (the common practice); "+86 138-1234-5678" is read as the same
 * mobile number. Other numbers (landlines) keep their first 3 and last 4 digits when long enough.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s\-()]/g, '');
  if (compact.length === 0) return '';
  const mobile = /^(?:\+?86)?(1\d{10})$/.exec(compact)?.[1];
  if (mobile) return keepEnds(characters(mobile), 3, 4);
  return keepEnds(characters(compact), 3, 4);
}
