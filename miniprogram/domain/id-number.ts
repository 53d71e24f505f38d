/**
 * 18-digit resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character (0-9 or X).
 * Used to check what an applicant typed (R-PROC-2: ID copies are part of the materials) before it
 * is stored encrypted; never shown on a public notice. Pure: no Node APIs.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;
/** Nobody alive was born before this; also rejects typos like 0990. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Demo and test data use region codes starting with 99. Real codes (GB/T 2260) start with a
 * province code 11–65, 71, 81 or 82, so an ID number made with this prefix belongs to no one.
 */
export const DEMO_REGION_CODE = '999999';

export type Gender = 'male' | 'female';

/** Trims and upper-cases a typed number ("11010519491231002x " → "…002X"); call before validating. */
export function normalizeIdNumber(input: string): string {
  return input.trim().replace(/\s+/g, '').toUpperCase();
}

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('the first 17 characters must be digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/** "YYYYMMDD" → "YYYY-MM-DD" if it is a real calendar date, else null. */
function calendarDate(compact: string): string | null {
  const year = Number(compact.slice(0, 4));
  const month = Number(compact.slice(4, 6));
  const day = Number(compact.slice(6, 8));
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

/** The Beijing calendar day of an instant, so "born today" means today in the county, whatever the device zone. */
function beijingDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface IdNumberCheckOptions {
  /** Reject birth dates after this day: a Beijing 'YYYY-MM-DD' or an instant (read in Beijing time). */
  today?: string | Date;
}

/**
 * True for a well-formed 18-character number (upper-case X only; see normalizeIdNumber) whose
 * birth date is a real date from 1900 on, not after `today` when given, and whose check
 * character matches. The region code is only checked to start with 1–9, not against a list: the
 * list changes, and the demo's made-up codes must pass.
 */
export function isValidIdNumber(input: string, options: IdNumberCheckOptions = {}): boolean {
  if (typeof input !== 'string' || !ID_NUMBER_PATTERN.test(input)) return false;
  if (input.charAt(0) === '0') return false;
  const birth = calendarDate(input.slice(6, 14));
  if (birth === null || birth < EARLIEST_BIRTH_DATE) return false;
  if (options.today !== undefined) {
    const today = typeof options.today === 'string' ? options.today : beijingDay(options.today);
    if (birth > today) return false;
  }
  return idNumberCheckDigit(input.slice(0, 17)) === input.charAt(17);
}

function assertWellFormed(idNumber: string): void {
  if (!ID_NUMBER_PATTERN.test(idNumber) || calendarDate(idNumber.slice(6, 14)) === null) {
    throw new RangeError('not an 18-character ID number with a real birth date');
  }
}

/** The birth date as 'YYYY-MM-DD'. Throws on a malformed number (validate first). */
export function birthDateOf(idNumber: string): string {
  assertWellFormed(idNumber);
  return calendarDate(idNumber.slice(6, 14)) as string;
}

/** Gender from the parity of the 17th digit (odd = male). Throws on a malformed number. */
export function genderOf(idNumber: string): Gender {
  assertWellFormed(idNumber);
  return Number(idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female';
}

export interface MakeIdNumberInput {
  /** Six digits; defaults to DEMO_REGION_CODE. Seeds must keep the default (no real person's number). */
  regionCode?: string;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  /** 0–999; odd for a man, even for a woman. */
  sequence: number;
}

/** Builds a valid number (correct check character) for tests and demo seeds. */
export function makeIdNumber({ regionCode = DEMO_REGION_CODE, birthDate, sequence }: MakeIdNumberInput): string {
  if (!/^[1-9]\d{5}$/.test(regionCode)) throw new RangeError(`region code must be 6 digits: ${regionCode}`);
  const compact = /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate.replace(/-/g, '') : '';
  if (!compact || calendarDate(compact) === null) throw new RangeError(`not a calendar date: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0–999: ${sequence}`);
  }
  const first17 = `${regionCode}${compact}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}
