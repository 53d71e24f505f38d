/**
 * 个人信息 and 个人信息申请 (PIPL art. 50) over the real backend: a villager files a request from
 * home's 个人信息 page, the secretary answers it on the officer page (a refusal needs its reason),
 * the township reads the deadline masked, and the villager reads the answer.
 */
import { usePageBackend } from '../support/page-backend';
import { findByText, openPage, tap, textOf, waitFor } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import { HOME_ENTRIES, OVERSIGHT_ENTRIES, WORKBENCH_ENTRIES, entryLinks } from '../../miniprogram/domain/entries';

const MY_DATA = 'pages/my-data/index';
const REQUESTS = 'packages/officer/pages/data-requests/index';
const WANGJIA = 'soc-wangjia';

jest.setTimeout(30_000);

const backend = usePageBackend();

describe('个人信息 pages (PIPL art. 50)', () => {
  it('PIPL-50: home, the workbench and the township overview lead to the pages', () => {
    expect(entryLinks(HOME_ENTRIES, ['resident'], WANGJIA).map((link) => link.url)).toContain(
      `/${MY_DATA}?societyId=${WANGJIA}`,
    );
    expect(entryLinks(WORKBENCH_ENTRIES, ['secretary'], WANGJIA).map((link) => link.url)).toContain(
      `/${REQUESTS}?societyId=${WANGJIA}`,
    );
    expect(entryLinks(OVERSIGHT_ENTRIES, ['township'], null).map((link) => link.url)).toContain(`/${REQUESTS}`);
  });

  it('PIPL-50: a villager files a request; an empty one is caught and nothing sent', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage(MY_DATA, { societyId: WANGJIA });
    expect(textOf(page)).toContain('15 个工作日内答复');
    expect(textOf(page)).toContain('您还没有提出过个人信息申请');
    await tap(findByText(page, '.jj-choice--jj-choice', '删除我的个人信息'));
    expect(page.data.kind).toBe('deletion');
    await tap(findByText(page, '.t-button--t-button', '提交申请'));
    expect(page.data.formError).toBe('请写明要查阅、更正或删除哪些信息');
    expect(await backend().ports.store.count(COLLECTIONS.dataRequests)).toBe(0);

    page.instance.setData({ details: '请删除我家的电话号码' });
    await tap(findByText(page, '.t-button--t-button', '提交申请'));
    await waitFor(() => page.data.rows.length === 1);
    expect(textOf(page)).toContain('删除我的个人信息');
    expect(textOf(page)).toContain('办理中');
    expect(textOf(page)).toContain('申请内容：请删除我家的电话号码');
    expect(textOf(page)).toMatch(/应在 .* 前答复/);
  });

  it('PIPL-50: the township sees the request and its deadline, masked, and cannot answer', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(REQUESTS);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('待答复 1 件');
    expect(textOf(page)).toContain('周*红：删除我的个人信息');
    expect(textOf(page)).not.toContain('请删除我家的电话号码');
    expect(textOf(page)).toContain('前答复（15 个工作日）');
    expect(page.dom!.querySelectorAll('.t-button--t-button')).toHaveLength(0);
  });

  it('PIPL-50: the secretary answers; a refusal without its reason is caught; the villager reads the answer', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(REQUESTS, { societyId: WANGJIA });
    expect(textOf(page)).toContain('周小红：删除我的个人信息');
    expect(textOf(page)).toContain('前答复（15 个工作日）');
    await tap(findByText(page, '.t-button--t-button', '答复'));
    expect(page.data.answeringId).not.toBe('');
    await tap(findByText(page, '.t-button--t-button', '不予办理'));
    expect(page.data.answerError).toBe('不予办理须写明理由');

    page.instance.setData({ answer: '已从台账中删除电话号码' });
    await tap(findByText(page, '.t-button--t-button', '已办理'));
    await waitFor(() => page.data.answeringId === '' && page.data.screen.summary === '待答复 0 件');
    expect(textOf(page)).toContain('办理情况：已从台账中删除电话号码');
    expect(await backend().ports.store.count(COLLECTIONS.auditEvents, { action: 'privacy.answerDataRequest' })).toBe(1);

    setDemoCaller('demo-resident');
    const mine = await openPage(MY_DATA, { societyId: WANGJIA });
    expect(textOf(mine)).toContain('已办理');
    expect(textOf(mine)).toContain('办理情况：已从台账中删除电话号码');
  });

  it('PIPL-50: the supervisor is told who handles the requests', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(REQUESTS, { societyId: WANGJIA });
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain('个人信息申请由本社秘书长、社长办理');
  });
});
