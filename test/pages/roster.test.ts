/**
 * 重点对象花名册 (R-OVS-1) over the real backend: the secretary imports a list from an xlsx picked
 * in a chat (a bad file is refused row by row, a good one previewed then confirmed), records a
 * visit; the supervisor reads only; the township page lists the overdue visit by masked name.
 */
import ExcelJS from 'exceljs';
import { usePageBackend } from '../support/page-backend';
import { routeUploadsTo } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, waitFor } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { COLLECTIONS } from '../../server/collections';
import { contentTypeOf } from '../../server/adapters/file-types';
import { applyListImport } from '../../server/roster/lists';
import { uploadedList } from '../support/uploads';
import type { Store, Transaction } from '../../server/ports/store';

const ROSTER = 'packages/officer/pages/roster/index';
const TOWNSHIP = 'packages/oversight/pages/township/index';
const WORKBENCH = 'packages/officer/pages/workbench/index';
const WANGJIA = 'soc-wangjia';

jest.setTimeout(30_000);

const backend = usePageBackend();

async function xlsx(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  sheet.addRow(['姓名', '身份证号', '住址']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The next wx.chooseMessageFile picks this workbook; its upload stores these bytes. */
function chooseWorkbook(content: Buffer): void {
  const path = `wxfile://tmp/list-${Math.random().toString(36).slice(2)}.xlsx`;
  Object.assign(wx, {
    chooseMessageFile: (options: { success?: (result: { tempFiles: Array<{ path: string }> }) => void }) =>
      options.success?.({ tempFiles: [{ path }] }),
  });
  routeUploadsTo(async (cloudPath) => {
    const stored = await backend().ports.files.put(cloudPath, content, contentTypeOf(cloudPath));
    return stored.fileId;
  });
}

const good = [
  ['赵桂英', makeIdNumber({ birthDate: '1948-02-03', sequence: 12 }), '二组 3 号'],
  ['钱德福', makeIdNumber({ birthDate: '1951-07-21', sequence: 33 }), '四组 8 号'],
];

describe('重点对象花名册 page (R-OVS-1)', () => {
  it('R-OVS-1: a bad list is refused row by row and nothing is written; a good one is previewed, confirmed and listed', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(ROSTER, { societyId: WANGJIA });
    expect(textOf(page)).toContain('花名册还是空的');

    await tap(findByText(page, '.jj-choice--jj-choice', '特困'));
    chooseWorkbook(await xlsx([...good, ['孙小红', '999999199001011235', '']]));
    await tap(findByText(page, '.t-button--t-button', '从微信聊天选择表格'));
    await waitFor(() => page.data.preview !== null);
    expect(textOf(page)).toContain('表格有 1 处问题，整表未导入');
    expect(textOf(page)).toContain('第 4 行 身份证号');
    expect(await backend().ports.store.count(COLLECTIONS.listEntries)).toBe(0);

    chooseWorkbook(await xlsx(good));
    await tap(findByText(page, '.t-button--t-button', '从微信聊天选择表格'));
    await waitFor(() => page.data.preview?.ok === true);
    expect(textOf(page)).toContain('王家村特困名单 2 人（首次导入）');
    expect(textOf(page)).toContain('新增 2 人：赵*英、钱*福');
    await tap(findByText(page, '.t-button--t-button', '确认导入'));
    await waitFor(() => page.data.screen?.rows.length === 2);
    expect(textOf(page)).toContain('赵桂英');
    expect(textOf(page)).toContain('特困 · 一级（特别困难）');
    expect(textOf(page)).toContain('30 天后应走访（2026-12-30）');
    expect(await backend().ports.store.count(COLLECTIONS.rosterEntries)).toBe(2);
  });

  it('R-OVS-1: a visit is recorded with its visitors and findings, and the next one moves on', async () => {
    setDemoCaller('demo-secretary');
    backend().ports.clock.set('2027-01-04T10:00:00+08:00');
    const page = await openPage(ROSTER, { societyId: WANGJIA });
    expect(page.data.screen.summary).toBe('共 2 户；已逾期 2 户，近 7 天应走访 0 户');
    const first = page.data.screen.rows[0].id as string;
    await tap(page.dom!.querySelectorAll('.main--household__action')[0]!);
    expect(page.data.visitId).toBe(first);
    page.instance.setData({ visit: { visitors: '刘芳、王建军', findings: '卧床，缺取暖用品' } });
    await tap(findByText(page, '.t-button--t-button', '保存走访记录'));
    await waitFor(() => page.data.visitId === '' && page.data.screen.summary.includes('已逾期 1 户'));
    expect(textOf(page)).toContain('30 天后应走访（2027-02-03）');
  });

  it('R-OVS-1: the workbench says how many visits are overdue and links to the roster', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(WORKBENCH, { societyId: WANGJIA });
    expect(page.data.visitsDueText).toBe('已逾期 1 户');
    expect(textOf(page)).toContain('重点对象走访');
    expect(page.data.rosterUrl).toBe('/packages/officer/pages/roster/index?societyId=soc-wangjia');
  });

  it('R-OVS-1: the supervisor reads the roster but imports and records nothing; the township sees the overdue visit masked', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(ROSTER, { societyId: WANGJIA });
    expect(page.data.screen.canEdit).toBe(false);
    expect(textOf(page)).not.toContain('导入困难群众名单');
    expect(textOf(page)).not.toContain('记录走访');

    setDemoCaller('demo-township');
    const township = await openPage(TOWNSHIP);
    const text = textOf(township);
    expect(text).toContain('重点对象走访');
    expect(text).toMatch(/王家村救急难互助社 (赵\*英|钱\*福)/);
    expect(text).toContain('已逾期 5 天（应于 2026-12-30 前走访）');
    expect(text).not.toContain('钱德福');
    expect(text).not.toContain('赵桂英');
  });
});

describe('the roster by hand on the page (R-OVS-1)', () => {
  it('R-OVS-1: the secretary adds a household the lists do not name; a wrong ID number is caught and nothing sent', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(ROSTER, { societyId: WANGJIA });
    const households = page.data.screen.rows.length as number;
    await tap(findByText(page, '.t-button--t-button', '手工添加一户'));
    expect(page.data.adding).toBe(true);
    expect(page.data.addForm.levelId).toBe('l1');

    await tap(findByText(page, '.jj-choice--jj-choice', '其他困难'));
    await tap(findByText(page, '.jj-choice--jj-choice', '二级（比较困难）'));
    const idNumber = makeIdNumber({ birthDate: '1952-05-17', sequence: 71 });
    page.instance.setData({
      addForm: {
        ...page.data.addForm,
        name: '周玉梅',
        idNumber: `${idNumber.slice(0, 17)}${idNumber.endsWith('0') ? '1' : '0'}`,
        group: '三组',
        reason: '独居，冬季无取暖',
      },
    });
    await tap(findByText(page, '.t-button--t-button', '列入花名册'));
    expect(page.data.addError).toBe('身份证号码不正确（位数、出生日期或末位校验码不符）');
    expect(await backend().ports.store.count(COLLECTIONS.rosterEntries)).toBe(households);

    page.instance.setData({ addForm: { ...page.data.addForm, idNumber } });
    await tap(findByText(page, '.t-button--t-button', '列入花名册'));
    await waitFor(() => page.data.screen?.rows.length === households + 1 && !page.data.adding);
    expect(textOf(page)).toContain('周玉梅');
    expect(textOf(page)).toContain('其他困难（手工添加） · 二级（比较困难）');

    // The same person again is refused with the cloud's words.
    await tap(findByText(page, '.t-button--t-button', '手工添加一户'));
    page.instance.setData({ addForm: { ...page.data.addForm, name: '周玉梅', idNumber, reason: '再登记一次' } });
    await tap(findByText(page, '.t-button--t-button', '列入花名册'));
    await waitFor(() => page.data.addError !== '');
    expect(page.data.addError).toBe('周*梅已在本社花名册上');
    expect(await backend().ports.store.count(COLLECTIONS.rosterEntries)).toBe(households + 1);
  });

  it('R-OVS-1: the secretary takes a household off the roster with a reason; without one nothing is sent', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(ROSTER, { societyId: WANGJIA });
    const before = page.data.screen.rows.length as number;
    const qian = (page.data.screen.rows as Array<{ id: string; name: string }>).findIndex(
      (row) => row.name === '钱德福',
    );
    await tap(page.dom!.querySelectorAll('.main--household__remove')[qian]!);
    expect(page.data.removeId).toBe(page.data.screen.rows[qian].id);
    await tap(findByText(page, '.t-button--t-button', '确认移出'));
    expect(page.data.removeError).toBe('请写明移出花名册的理由');

    page.instance.setData({ removeReason: '已去世' });
    await tap(findByText(page, '.t-button--t-button', '确认移出'));
    await waitFor(() => page.data.removeId === '' && page.data.screen?.rows.length === before - 1);
    expect(textOf(page)).not.toContain('钱德福');
    const audit = await backend().ports.store.count(COLLECTIONS.auditEvents, { action: 'roster.removeHousehold' });
    expect(audit).toBe(1);
  });

  it('R-OVS-1: the supervisor neither adds nor removes', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(ROSTER, { societyId: WANGJIA });
    expect(textOf(page)).not.toContain('手工添加一户');
    expect(textOf(page)).not.toContain('移出花名册');
  });
});

describe('an import left half-applied (R-OVS-1)', () => {
  /** The store of a call killed in its `dieAt`-th transaction (rolled back). */
  function killedAt(store: Store, dieAt: number): Store {
    let count = 0;
    const dying: Store = Object.create(store) as Store;
    dying.transaction = <R>(work: (tx: Transaction) => Promise<R>): Promise<R> => {
      count += 1;
      const number = count;
      return store.transaction(async (tx) => {
        const result = await work(tx);
        if (number === dieAt) throw new Error('the function was killed');
        return result;
      });
    };
    return dying;
  }

  it('R-OVS-1: the secretary sees the unfinished import and finishes it from the roster page', async () => {
    const rows = Array.from({ length: 150 }, (_, n) => [
      `${'王李张刘陈'[n % 5]}${['秀兰', '建国', '桂英'][n % 3]}`,
      makeIdNumber({ birthDate: `19${50 + (n % 40)}-0${1 + (n % 9)}-2${n % 8}`, sequence: 100 + n }),
      '',
    ]);
    const content = await xlsx(rows);
    const fileId = await uploadedList(backend(), 'demo-secretary', { societyId: WANGJIA }, content);
    const preview = await backend().call(
      'spreadsheets',
      { action: 'previewListImport', societyId: WANGJIA, kind: 'nearDibao', fileId },
      'demo-secretary',
    );
    const token = (preview as { data: { token: string } }).data.token;
    // 300 writes in 3 chunks: stored (1–3), the job (4), applied (5–7); killed in the second applied.
    const ctx = { ...(await backend().contextFor('demo-secretary')), store: killedAt(backend().ports.store, 6) };
    await expect(applyListImport(ctx, { societyId: WANGJIA, kind: 'nearDibao', fileId, token })).rejects.toThrow(
      'the function was killed',
    );

    setDemoCaller('demo-secretary');
    const page = await openPage(ROSTER, { societyId: WANGJIA });
    const households = page.data.screen.rows.length as number;
    expect(textOf(page)).toContain('低保边缘名单导入到一半（已完成 1/3 批）');
    await tap(findByText(page, '.t-button--t-button', '继续完成导入'));
    await waitFor(() => page.data.screen?.unfinished.length === 0 && page.data.busy === '');
    expect(page.data.importError).toBe('');
    expect(page.data.screen.rows.length).toBe(households + 150);
    expect(textOf(page)).not.toContain('导入到一半');
    expect(await backend().ports.store.count(COLLECTIONS.listEntries, { kind: 'nearDibao' })).toBe(150);
  });
});
