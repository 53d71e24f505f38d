/**
 * The 低保 / 特困 list import the roster, key and privacy tests share (R-OVS-1): an xlsx on the
 * template's columns (the headers of LIST_COLUMNS, the template the roster page offers), uploaded
 * into a list slot as the roster page does it, previewed, then applied with the preview's token —
 * each step through the real cloud functions, as the caller given.
 */
import ExcelJS from 'exceljs';
import { LIST_COLUMNS, type ListImportPreview, type ListImportResult } from '../../server/roster/lists';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { TestBackend } from './test-backend';
import { uploadedList } from './uploads';

/** One row of a list: name and ID number; the village (a township's list), address and level optional. */
export interface ListPerson {
  name: string;
  idNumber: string;
  village?: string;
  address?: string;
  level?: string;
}

/** Who a list belongs to: a society's own village, or a township's villages. */
export type ListOwner = { societyId: string } | { townshipId: string };

const SURNAMES = '王李张刘陈杨赵黄周吴';
const GIVEN = ['秀兰', '建国', '桂英', '志强', '玉梅', '德福', '春花', '国强', '淑珍', '海军'];

/**
 * `count` made-up households with valid ID numbers (region 999999, no real person's) and an
 * address; person `n` is the same whatever the count, so `listPeople(1, 600)` is a newcomer.
 */
export function listPeople(count: number, offset = 0): ListPerson[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + offset;
    return {
      name: `${SURNAMES[n % 10]}${GIVEN[Math.floor(n / 10) % 10]}`,
      idNumber: makeIdNumber({ birthDate: `19${40 + (n % 50)}-0${1 + (n % 9)}-1${n % 9}`, sequence: n % 1000 }),
      address: `${1 + (n % 8)} 组 ${n} 号`,
    };
  });
}

/** The list as an xlsx on the template's columns, one row a person (empty cells where not given). */
export async function listXlsx(rows: readonly ListPerson[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  sheet.addRow(LIST_COLUMNS.map((column) => column.header));
  for (const person of rows) sheet.addRow(LIST_COLUMNS.map((column) => person[column.key] ?? ''));
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The list uploaded as the roster page does it, into a list slot of the owner: answers its file id. */
export async function uploadList(
  backend: TestBackend,
  openid: string,
  owner: ListOwner,
  rows: readonly ListPerson[],
): Promise<string> {
  return uploadedList(backend, openid, owner, await listXlsx(rows));
}

async function called<T>(
  backend: TestBackend,
  action: 'previewListImport' | 'applyListImport',
  payload: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const answer = await backend.call('spreadsheets', { action, ...payload }, openid);
  if (!answer.ok)
    throw new Error(`spreadsheets.${action} as ${openid} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data as T;
}

export interface ListImport {
  openid: string;
  owner: ListOwner;
  /** The list: dibao, tekun, …; 低保 unless given. */
  kind?: string;
  rows: readonly ListPerson[];
}

/**
 * Uploads the list, previews it and applies it with the preview's token, as `openid`; a refused
 * step throws with its code and message. Answers the file, the preview and the result.
 */
export async function importList(
  backend: TestBackend,
  { openid, owner, kind = 'dibao', rows }: ListImport,
): Promise<{ fileId: string; preview: ListImportPreview; result: ListImportResult }> {
  const fileId = await uploadList(backend, openid, owner, rows);
  const target = { ...owner, kind, fileId };
  const preview = await called<ListImportPreview>(backend, 'previewListImport', target, openid);
  if (preview.status !== 'ready') throw new Error(`the list was refused: ${preview.errorLines.join('; ')}`);
  const result = await called<ListImportResult>(
    backend,
    'applyListImport',
    { ...target, token: preview.token },
    openid,
  );
  return { fileId, preview, result };
}
