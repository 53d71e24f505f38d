import { usePageBackend } from '../support/page-backend';
import { navigations } from '../support/simulate-setup';
import { findByText, openPage, tap, textsOf, type PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { formatYuan } from '../../miniprogram/domain/money';
import type { SocietyListItem } from '../../miniprogram/domain/society';
import { NOT_AN_OVERSEER_MESSAGE } from '../../miniprogram/packages/oversight/pages/overview/view';

const PAGE = 'packages/oversight/pages/overview/index';

jest.setTimeout(30_000);

const backend = usePageBackend();

async function listAs(openid: string): Promise<SocietyListItem[]> {
  const answer = (await backend().call('societies', { action: 'list' }, openid)) as {
    ok: boolean;
    data: { items: SocietyListItem[] };
  };
  expect(answer.ok).toBe(true);
  return answer.data.items;
}

/** The rendered society cards: title, place, tags, balance, progress label. */
function cards(page: PageComponent) {
  return Array.from(page.dom?.querySelectorAll('.main--society-card') ?? []).map((card) => ({
    name: card.querySelector('.t-cell--t-cell__title-text')?.textContent,
    place: card.querySelector('.t-cell--t-cell__description-text')?.textContent,
    tags: Array.from(card.querySelectorAll('.t-tag--t-tag__text')).map((tag) => tag.textContent),
    balance: card.querySelector('.main--society-card__balance')?.textContent,
    progress: card.querySelector('.main--society-card__progress-label')?.textContent ?? null,
    hasProgressBar: card.querySelector('.t-progress--t-progress') !== null,
  }));
}

describe('oversight overview', () => {
  it('the township sees the societies of 青石镇 with form, status and balance', async () => {
    const items = await listAs('demo-township');
    expect(items.map((item) => item.name).sort()).toEqual(['柳塘村救急难互助社', '王家村救急难互助社'].sort());

    setDemoCaller('demo-township');
    const page = await openPage(PAGE);

    expect(textsOf(page, '.main--overview-header__scope')).toEqual(['青石镇']);
    expect(cards(page)).toEqual(
      items.map((item) => ({
        name: item.name,
        place: `青石镇 · ${item.villageName}`,
        tags: [item.formLabel, item.statusLabel],
        balance: `余额 ${formatYuan(item.balanceFen)}`,
        progress: null,
        hasProgressBar: false,
      })),
    );
    expect(cards(page).find((card) => card.name === '柳塘村救急难互助社')?.tags).toEqual(['备案', '运行中']);
    expect(cards(page).find((card) => card.name === '王家村救急难互助社')?.tags).toEqual(['登记', '运行中']);
  });

  it('R-ORG-2: the county sees every society, preparing ones with progress toward 30,000 yuan', async () => {
    const items = await listAs('demo-county');
    setDemoCaller('demo-county');
    const page = await openPage(PAGE);

    const shown = cards(page);
    expect(shown.map((card) => card.name)).toEqual(items.map((item) => item.name));
    const shiqiao = shown.find((card) => card.name === '石桥社区救急难互助社');
    expect(shiqiao).toMatchObject({
      tags: ['登记', '筹备中'],
      progress: '已筹集 ¥21,000.00 / 目标 ¥30,000.00',
      hasProgressBar: true,
    });
    expect(shown.find((card) => card.name === '白沙村救急难互助社')?.progress).toBe(
      '已筹集 ¥10,000.00 / 目标 ¥30,000.00',
    );
  });

  it('tapping a society opens its public page', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(PAGE);

    await tap(findByText(page, '.t-cell--t-cell', '王家村救急难互助社'));
    expect(navigations()).toEqual(['/pages/society/index?societyId=soc-wangjia']);
  });

  it('R-OVS-2: a village supervisor sees the society they supervise', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(PAGE);

    expect(cards(page).map((card) => card.name)).toEqual(['王家村救急难互助社']);
  });

  it('a resident has no oversight and is told so', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage(PAGE);

    expect(page.data.state).toBe('forbidden');
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([NOT_AN_OVERSEER_MESSAGE]);
  });
});
