import ExcelJS from 'exceljs';
import { readTable, rowErrorLines, tableTemplate, type TableColumn } from '../../server/spreadsheets/table';

const COLUMNS: readonly TableColumn<'name' | 'idNumber' | 'group'>[] = [
  { key: 'name', header: '姓名', required: true, example: '张三' },
  { key: 'idNumber', header: '身份证号', aliases: ['公民身份号码'], required: true, example: '110101199003071234' },
  { key: 'group', header: '村民小组', required: false, example: '3' },
];

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('readTable', () => {
  it('reads the template back: the example row, by header name', async () => {
    const read = await readTable(await tableTemplate('测试名单', COLUMNS), COLUMNS, { maxRows: 10 });
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([{ row: 2, values: { name: '张三', idNumber: '110101199003071234', group: '3' } }]);
  });

  it('matches columns by name and alias in any order, and skips empty rows', async () => {
    const file = await workbook([
      ['村民小组', ' 公民身份号码 ', '姓 名（必填）'],
      [2, '11010119900307123X', '李四'],
      [],
      [null, '110101199003071234', { richText: [{ text: '王' }, { text: '五' }] }],
    ]);
    const read = await readTable(file, COLUMNS, { maxRows: 10 });
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([
      { row: 2, values: { name: '李四', idNumber: '11010119900307123X', group: '2' } },
      { row: 4, values: { name: '王五', idNumber: '110101199003071234', group: '' } },
    ]);
  });

  it('names a missing required column on row 1 and reads no rows', async () => {
    const read = await readTable(await workbook([['姓名'], ['张三']]), COLUMNS, { maxRows: 10 });
    expect(read.rows).toEqual([]);
    expect(rowErrorLines(read.errors)).toEqual(['第 1 行 身份证号：缺少「身份证号」列']);
  });

  it('lists each empty required cell with its Excel row number', async () => {
    const file = await workbook([
      ['姓名', '身份证号'],
      ['张三', ''],
      ['', '110101199003071234'],
      ['李四', '1'],
    ]);
    const read = await readTable(file, COLUMNS, { maxRows: 10 });
    expect(rowErrorLines(read.errors)).toEqual([
      '第 2 行 身份证号：「身份证号」未填写',
      '第 3 行 姓名：「姓名」未填写',
    ]);
  });

  it('refuses more rows than allowed, and a file without data rows', async () => {
    const many = await workbook([
      ['姓名', '身份证号'],
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    expect((await readTable(many, COLUMNS, { maxRows: 2 })).errors).toEqual([
      { row: 4, message: '一次最多导入 2 行，请分批导入' },
    ]);
    expect((await readTable(await workbook([['姓名', '身份证号']]), COLUMNS, { maxRows: 2 })).errors).toEqual([
      { row: 2, message: '表格中没有数据行' },
    ]);
  });

  it('refuses a file that is not an xlsx with a Chinese message', async () => {
    await expect(readTable(Buffer.from('姓名,身份证号\n张三,1'), COLUMNS, { maxRows: 10 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      userMessage: expect.stringContaining('.xlsx'),
    });
  });

  it('keeps long numbers whole when a cell holds a number', async () => {
    const read = await readTable(
      await workbook([
        ['姓名', '身份证号'],
        ['张三', 110101199003071],
      ]),
      COLUMNS,
      {
        maxRows: 10,
      },
    );
    expect(read.rows[0]?.values.idNumber).toBe('110101199003071');
  });
});
