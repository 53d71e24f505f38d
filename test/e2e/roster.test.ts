/**
 * Issue #13 (part 1) "Done when", in the browser preview: the secretary of 王家村 imports the 特困
 * list from an xlsx picked in a chat (previewed, then confirmed), the households join the roster
 * with their next visit due; the stack's clock moves past it and the overdue visit shows on the
 * township's page by masked name (R-OVS-1); a recorded visit takes it off again.
 */
import ExcelJS from 'exceljs';
import { COLLECTIONS } from '../../server/collections';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { DEMO_NOW } from '../support/test-backend';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';

const WANGJIA = 'soc-wangjia';
const ROSTER = 'packages/officer/pages/roster/index';
const TOWNSHIP = 'packages/oversight/pages/township/index';

jest.setTimeout(120_000);

async function tekunList(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('特困');
  sheet.addRow(['姓名', '公民身份号码', '所在村', '住址', '困难等级']);
  sheet.addRow(['周淑珍', makeIdNumber({ birthDate: '1939-05-06', sequence: 22 }), '王家村', '五组 2 号', '一级']);
  sheet.addRow(['吴德福', makeIdNumber({ birthDate: '1944-10-30', sequence: 51 }), '王家村', '三组 7 号', '二级']);
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describeInChromium('the roster and scheduled visits through the browser preview (issue #13)', () => {
  let preview: PreviewHarness;

  beforeAll(async () => {
    preview = await startPreview();
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('R-OVS-1: an imported household’s scheduled visit goes overdue and shows on the township page, masked', async () => {
    const secretary = await preview.open(ROSTER, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    expect(await secretary.text()).toContain('花名册还是空的');
    await secretary.tap('特困');
    await secretary.tapAndChoose('从微信聊天选择表格', [
      {
        name: 'tekun-list.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await tekunList(),
      },
    ]);
    expect(await secretary.text()).toContain('王家村特困名单 2 人（首次导入）');
    expect(await secretary.text()).toContain('新增 2 人：周*珍、吴*福');
    await secretary.tap('确认导入');
    await secretary.waitForText('周淑珍');
    const roster = await secretary.text();
    expect(roster).toContain('特困 · 一级（特别困难）');
    expect(roster).toContain('30 天后应走访（2026-12-30）');
    expect(roster).toContain('60 天后应走访（2027-01-29）');
    expect(await preview.stack.ports.store.count(COLLECTIONS.rosterEntries, { societyId: WANGJIA })).toBe(2);

    // Thirty-five days on, nobody has been: 周淑珍's monthly visit is five days overdue.
    preview.clock.set('2027-01-04T09:00:00+08:00');
    const township = await preview.open(TOWNSHIP, { caller: 'demo-township' });
    await township.waitForText('重点对象走访（近 7 天应走访和逾期）');
    let text = await township.text();
    expect(text).toContain('王家村救急难互助社 周*珍');
    expect(text).toContain('已逾期 5 天（应于 2026-12-30 前走访）');
    expect(text).not.toContain('周淑珍');
    expect(text).not.toContain('吴*福');

    // The secretary visits; the township's list empties.
    const again = await preview.open(ROSTER, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    await again.waitForText('已逾期 5 天（应于 2026-12-30 前走访）');
    await again.tap('记录走访');
    await again.fill('如：刘芳、王建军', '刘芳、王建军');
    await again.fill('生活、身体、住房情况，需要什么帮助', '独居，行动不便，已送棉被');
    await again.tap('保存走访记录');
    await again.waitForText('30 天后应走访（2027-02-03）');

    const after = await preview.open(TOWNSHIP, { caller: 'demo-township' });
    await after.waitForText('近 7 天没有应走访或逾期未走访的重点对象');
    text = await after.text();
    expect(text).not.toContain('周*珍');
    preview.clock.set(DEMO_NOW);
  });
});
