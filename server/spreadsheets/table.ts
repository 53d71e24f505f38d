/**
 * Tables imported from Excel: the county's townships and villages (issue 12), the township's
 * 低保 / 特困 / 低保边缘 / 防止返贫监测 / 支出型困难 lists (issue 13). One reader for all of them:
 * columns are matched by their header name (never by position), every row is checked, and a
 * file with any bad row is refused whole with the row numbers and what is wrong, in Chinese, so
 * the person fixing the file in Excel finds each one. The matching template is made here too,
 * from the same column list, so a downloaded template always reads back.
 *
 * Server side only: exceljs never goes to the phone.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors';

export interface TableColumn<K extends string = string> {
  key: K;
  /** The header as the template writes it, e.g. 「身份证号」. */
  header: string;
  /** Other headers people use for the same column, e.g. 「公民身份号码」. */
  aliases?: readonly string[];
  required: boolean;
  /** A value for the template's example row. */
  example?: string;
  /** One line for the template's 说明 sheet. */
  note?: string;
}

/** One problem in the file; `row` is the Excel row number the person sees (1 = the header). */
export interface RowError {
  row: number;
  column?: string;
  message: string;
}

export interface TableRow<K extends string> {
  /** The Excel row number. */
  row: number;
  values: Record<K, string>;
}

export interface TableRead<K extends string> {
  rows: TableRow<K>[];
  errors: RowError[];
}

/** Headers compare without spaces (half or full width), asterisks and a trailing （必填）. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(]必填[)）]$/, '')
    .replace(/[（(]选填[)）]$/, '');
}

/** What a cell shows, as text: numbers without exponent, dates as YYYY-MM-DD, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') {
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) {
    // Excel dates have no zone; exceljs reads them as UTC midnight of the day typed.
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    }
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return String(value as unknown).trim();
}

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Reads the first sheet of an xlsx file. A file that is not a readable xlsx is refused as a
 * whole (BAD_REQUEST); missing required columns, too many rows and empty required cells are
 * returned as row errors. Rows that are entirely empty are skipped.
 */
export async function readTable<K extends string>(
  content: Buffer,
  columns: readonly TableColumn<K>[],
  options: { maxRows: number; sheetName?: string },
): Promise<TableRead<K>> {
  if (content.length === 0 || content.length > MAX_BYTES) {
    throw new AppError(
      'BAD_REQUEST',
      `spreadsheet of ${content.length} bytes refused`,
      '表格文件为空或超过 5 MB，请检查后重新选择',
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError(
      'BAD_REQUEST',
      `not a readable xlsx: ${(error as Error).message}`,
      '无法读取该文件，请使用页面提供的模板，以 .xlsx 格式保存后再导入',
    );
  }
  const sheet = (options.sheetName ? workbook.getWorksheet(options.sheetName) : undefined) ?? workbook.worksheets[0];
  if (!sheet) {
    throw new AppError('BAD_REQUEST', 'xlsx without a worksheet', '表格中没有工作表，请使用页面提供的模板');
  }

  const errors: RowError[] = [];
  const header = sheet.getRow(1);
  const positions = new Map<K, number>();
  const seen = new Map<string, number>();
  header.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
    const name = normaliseHeader(cellText(cell.value));
    if (name) seen.set(name, columnNumber);
  });
  for (const column of columns) {
    const names = [column.header, ...(column.aliases ?? [])].map(normaliseHeader);
    const found = names.map((name) => seen.get(name)).find((position) => position !== undefined);
    if (found !== undefined) positions.set(column.key, found);
    else if (column.required) {
      errors.push({ row: 1, column: column.header, message: `缺少「${column.header}」列` });
    }
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: TableRow<K>[] = [];
  const lastRow = sheet.actualRowCount === 0 ? 1 : sheet.rowCount;
  for (let number = 2; number <= lastRow; number += 1) {
    const row = sheet.getRow(number);
    const values = {} as Record<K, string>;
    let empty = true;
    for (const column of columns) {
      const position = positions.get(column.key);
      const text = position === undefined ? '' : cellText(row.getCell(position).value);
      values[column.key] = text;
      if (text !== '') empty = false;
    }
    if (empty) continue;
    if (rows.length >= options.maxRows) {
      errors.push({ row: number, message: `一次最多导入 ${options.maxRows} 行，请分批导入` });
      break;
    }
    for (const column of columns) {
      if (column.required && values[column.key] === '') {
        errors.push({ row: number, column: column.header, message: `「${column.header}」未填写` });
      }
    }
    rows.push({ row: number, values });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ row: 2, message: '表格中没有数据行' });
  }
  return { rows, errors };
}

/**
 * The template: a 填写 sheet with the headers (required ones marked ＊) and one example row,
 * and a 说明 sheet with one line per column. Reading the template back gives the example row.
 */
export async function tableTemplate(
  title: string,
  columns: readonly TableColumn[],
  exampleRows: readonly Record<string, string>[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '救急难互助社';
  const sheet = workbook.addWorksheet('填写');
  sheet.columns = columns.map((column) => ({
    header: column.required ? `＊${column.header}` : column.header,
    key: column.key,
    width: Math.max(12, column.header.length * 3),
  }));
  sheet.getRow(1).font = { bold: true };
  const examples =
    exampleRows.length > 0
      ? exampleRows
      : [Object.fromEntries(columns.map((column) => [column.key, column.example ?? '']))];
  for (const example of examples) {
    // Text cells, so ID numbers and codes keep every digit and leading zero.
    const row = sheet.addRow(columns.map((column) => example[column.key] ?? ''));
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  }
  for (let index = 1; index <= columns.length; index += 1) {
    sheet.getColumn(index).numFmt = '@';
  }
  const notes = workbook.addWorksheet('说明');
  notes.columns = [
    { header: '列', key: 'header', width: 20 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'note', width: 60 },
  ];
  notes.addRow({ header: title, required: '', note: '带＊的列必须填写；列的顺序可以调整，但列名不要改。' });
  for (const column of columns) {
    notes.addRow({ header: column.header, required: column.required ? '必填' : '选填', note: column.note ?? '' });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

/** Row errors as lines a page can list: 「第 5 行 身份证号：……」. */
export function rowErrorLines(errors: readonly RowError[], limit = 50): string[] {
  const lines = errors
    .slice(0, limit)
    .map((error) => `第 ${error.row} 行${error.column ? ` ${error.column}` : ''}：${error.message}`);
  if (errors.length > limit) lines.push(`……另有 ${errors.length - limit} 处问题`);
  return lines;
}
