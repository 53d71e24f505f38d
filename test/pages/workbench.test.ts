import { usePageBackend } from '../support/page-backend';
import { navigations } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { formatYuan } from '../../miniprogram/domain/money';
import type { SocietyPublicView } from '../../miniprogram/domain/society';
import { CASES_COMING_NOTE, NOT_AN_OFFICER_MESSAGE } from '../../miniprogram/packages/officer/pages/workbench/view';

const PAGE = 'packages/officer/pages/workbench/index';

// The first render of a file loads TDesign's components; on a busy 2-core machine that alone can
// take seconds, so these tests get more than jest's default 5 s.
jest.setTimeout(30_000);

const backend = usePageBackend();

describe('officer workbench', () => {
  it.each([
    ['demo-secretary', '秘书长'],
    ['demo-president', '社长'],
  ])('%s sees their role, their society, its status and its real balance', async (openid, roleLabel) => {
    const answer = (await backend().call(
      'societies',
      { action: 'getPublicPage', societyId: 'soc-wangjia' },
      openid,
    )) as {
      data: SocietyPublicView;
    };
    setDemoCaller(openid);
    const page = await openPage(PAGE, { societyId: 'soc-wangjia' });

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--workbench-header__name')).toEqual(['王家村救急难互助社']);
    expect(textsOf(page, '.t-tag--t-tag__text')).toEqual([roleLabel, '登记', '运行中']);
    expect(textsOf(page, '.jj-fund-card--jj-fund-card__balance')).toEqual([formatYuan(answer.data.fund.balanceFen)]);
    // The case queue is an entry now (issue 4); the "coming" note shows only when no entry exists.
    expect(page.data.screen.entries).toContainEqual(
      expect.objectContaining({
        key: 'cases',
        title: '救助案件',
        url: '/packages/officer/pages/cases/index?societyId=soc-wangjia',
      }),
    );
    expect(textOf(page)).toContain('救助案件');
    expect(textsOf(page, '.main--workbench-note')).toEqual([]);
    expect(textOf(page)).not.toContain(CASES_COMING_NOTE);
  });

  it('opens the officer’s own society when no society id is given', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(PAGE);

    expect(textOf(page)).toContain('王家村救急难互助社');
  });

  it('a resident is told the workbench is for officers and can go home', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage(PAGE, { societyId: 'soc-wangjia' });

    expect(page.data.state).toBe('forbidden');
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([NOT_AN_OFFICER_MESSAGE]);
    expect(textOf(page)).not.toContain('¥');

    await tap(findByText(page, '.t-button--t-button', '返回首页'));
    expect(navigations()).toEqual(['/pages/home/index']);
  });
});
