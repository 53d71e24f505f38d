/**
 * Founding a society from the county dashboard (R-ORG-1, issue #6) over the real backend: the
 * county founds 东岭村's society (登记) → one society doc, preparing, one audit event, and the
 * dashboard shows it preparing with the next steps (invite the president, the settings); a second
 * attempt is refused with the Chinese message and writes nothing; a township founds only for its
 * own villages; the federation and a resident cannot.
 *
 * The tests share one seeded backend and run in order.
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls } from '../support/simulate-setup';
import { findByText, openPage, silenceConsoleError, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { observeToasts, type ToastRequest } from '../../miniprogram/utils/toast';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../../server/collections';
import type { AuditEventDoc } from '../../server/audit/trail';
import { DEMO_NOW } from '../support/test-backend';
import { FOUND_FORMS } from '../../miniprogram/packages/oversight/pages/county-dashboard/view';

const DASHBOARD = 'packages/oversight/pages/county-dashboard/index';
const DONGLING = 'area-dongling';

jest.setTimeout(30_000);

const backend = usePageBackend();

let toasts: ToastRequest[] = [];
let stopToasts: () => void = () => undefined;

beforeEach(() => {
  backend().ports.clock.set(DEMO_NOW);
  toasts = [];
  stopToasts = observeToasts((toast) => toasts.push(toast));
});

afterEach(() => stopToasts());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Page = any;

const store = () => backend().ports.store;

async function societiesOf(villageId: string): Promise<SocietyDoc[]> {
  return store().find<SocietyDoc>(COLLECTIONS.societies, { where: { villageId } });
}

async function snapshot() {
  return {
    societies: await store().count(COLLECTIONS.societies),
    funds: await store().count(COLLECTIONS.funds),
    audit: await store().count(COLLECTIONS.auditEvents),
  };
}

function villageCard(page: Page, villageName: string): Element {
  return findByText(page, '.main--village', villageName);
}

function buttonIn(card: Element, label: string): Element {
  const button = Array.from(card.querySelectorAll('.t-button--t-button')).find((element) =>
    (element.textContent ?? '').includes(label),
  );
  if (!button) throw new Error(`no button "${label}" in: ${card.textContent}`);
  return button;
}

function buttonsIn(card: Element): string[] {
  return Array.from(card.querySelectorAll('.t-button--t-button')).map((element) =>
    (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/** The county's first view lists townships: 查看各村 opens one's villages. */
async function openTownship(page: Page, townshipName: string): Promise<void> {
  await tap(buttonIn(findByText(page, '.main--township', townshipName), '查看各村'));
  await waitFor(() => page.data.township?.townshipName === townshipName && !page.data.loadingVillages);
}

/** Opens the founding form of `villageName` by its 「筹建互助社」 button. */
async function openForm(page: Page, villageName: string): Promise<Element> {
  await tap(buttonIn(villageCard(page, villageName), '筹建互助社'));
  await waitFor(() => page.data.foundingVillageName === villageName);
  return villageCard(page, villageName);
}

describe('founding a society on the county dashboard (R-ORG-1)', () => {
  it('R-ORG-1: the county founds 东岭村’s society (登记): one preparing society, one audit event, the dashboard shows it preparing with the next steps', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(DASHBOARD);
    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--village')).toEqual([]);
    await openTownship(page, '河口乡');
    // Only the village without a society offers founding.
    const offering = textsOf(page, '.main--village').filter((text) => text.includes('筹建互助社'));
    expect(offering).toHaveLength(1);
    expect(offering[0]).toContain('东岭村');

    const before = await snapshot();
    const card = await openForm(page, '东岭村');
    const text = (card.textContent ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('为东岭村筹建互助社');
    for (const option of FOUND_FORMS) expect(text).toContain(option.hint);
    expect(page.data.foundName).toBe('东岭村救急难互助社');
    expect(page.data.foundForm).toBe('registered');
    // Nothing is written before 确认筹建.
    expect(await snapshot()).toEqual(before);

    await tap(buttonIn(card, '确认筹建'));
    await waitFor(() => !page.data.submitting && page.data.foundingVillageId === '');
    await waitFor(() => (villageCard(page, '东岭村').textContent ?? '').includes('筹备中'));

    const [society, ...more] = await societiesOf(DONGLING);
    expect(more).toEqual([]);
    expect(society).toMatchObject({
      _id: 'soc-dongling',
      name: '东岭村救急难互助社',
      form: 'registered',
      status: 'preparing',
      townshipId: 'area-hekou',
    });
    expect(await snapshot()).toEqual({
      societies: before.societies + 1,
      funds: before.funds + 1,
      audit: before.audit + 1,
    });
    const audit = await store().find<AuditEventDoc>(COLLECTIONS.auditEvents, { where: { scopeId: 'soc-dongling' } });
    expect(audit.map((event) => [event.action, event.actor.role, event.details.form])).toEqual([
      ['society.create', 'county', 'registered'],
    ]);
    // The payload carried no name: the default is the backend's.
    const create = recordedCalls().filter((call) => call.name === 'societies' && call.event.action === 'create');
    expect(create.map((call) => call.event)).toEqual([
      expect.objectContaining({ action: 'create', villageId: DONGLING, form: 'registered' }),
    ]);
    expect(create[0]!.event).not.toHaveProperty('name');
    expect(toasts).toContainEqual({ message: '东岭村救急难互助社已进入筹备', theme: 'success' });

    const row = (villageCard(page, '东岭村').textContent ?? '').replace(/\s+/g, ' ');
    expect(row).toContain('筹备中（登记）');
    expect(row).toContain('尚未登记');
    expect(row).toContain('还差 ¥30,000.00 达到启动资金');
    expect(row).not.toContain('筹建互助社');
    expect(buttonsIn(villageCard(page, '东岭村'))).toEqual(['邀请社长', '筹备设置（章程、场所、账户）']);

    await tap(buttonIn(villageCard(page, '东岭村'), '邀请社长'));
    await tap(buttonIn(villageCard(page, '东岭村'), '筹备设置'));
    expect(navigations().slice(-2)).toEqual([
      '/packages/officer/pages/invite/index?societyId=soc-dongling',
      '/packages/officer/pages/society-settings/index?societyId=soc-dongling',
    ]);
  });

  it('a second attempt from a page opened before the first (the other form) is refused in Chinese and writes nothing', async () => {
    // The dashboard as it was before 东岭村 got its society: the page still offers founding.
    setDemoCaller('demo-county');
    const page = await openPage(DASHBOARD);
    page.instance.onStartFound({ currentTarget: { dataset: { villageId: DONGLING, villageName: '东岭村' } } });
    page.instance.onPickForm({ currentTarget: { dataset: { value: 'filed' } } });
    const before = { ...(await snapshot()), society: await store().get(COLLECTIONS.societies, 'soc-dongling') };
    const quiet = silenceConsoleError();
    await page.instance.onConfirmFound();
    quiet.mockRestore();
    expect(page.data.foundError).toBe('该村已经有互助社');
    expect(textOf(page)).toContain('该村已经有互助社');
    expect(toasts).toContainEqual({ message: '该村已经有互助社', theme: 'error' });
    expect({ ...(await snapshot()), society: await store().get(COLLECTIONS.societies, 'soc-dongling') }).toEqual(
      before,
    );
    expect(await societiesOf(DONGLING)).toHaveLength(1);

    // The same form again is a retry: it finds the first society and writes nothing either.
    page.instance.onPickForm({ currentTarget: { dataset: { value: 'registered' } } });
    await page.instance.onConfirmFound();
    expect(page.data.foundError).toBe('');
    expect(await snapshot()).toEqual({ societies: before.societies, funds: before.funds, audit: before.audit });
  });

  it('a name too short is refused on the page before any call', async () => {
    const area: AreaDoc = {
      _id: 'area-test-xinzhuang',
      kind: 'village',
      name: '新庄村',
      parentId: 'area-qingshi',
      countyId: 'area-qingxi',
      townshipId: 'area-qingshi',
    };
    await store().insert(COLLECTIONS.areas, area);
    setDemoCaller('demo-county');
    const page = await openPage(DASHBOARD);
    await openTownship(page, '青石镇');
    await openForm(page, '新庄村');
    page.instance.onFoundNameInput({ detail: { value: '社' } });
    const before = await snapshot();
    const calls = recordedCalls().length;
    await page.instance.onConfirmFound();
    expect(page.data.foundError).toBe('互助社名称须为 2 到 40 个字');
    expect(recordedCalls()).toHaveLength(calls);
    expect(await snapshot()).toEqual(before);

    // 取消 closes the form; the button is back.
    await tap(buttonIn(villageCard(page, '新庄村'), '取消'));
    expect(page.data.foundingVillageId).toBe('');
    expect(buttonsIn(villageCard(page, '新庄村'))).toEqual(['筹建互助社']);
  });

  it('R-ORG-1: a township founds a society for its own village (备案, its own name), never for another township’s', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(DASHBOARD);
    // 青石镇 sees its own villages only; 新庄村 (added above) has no society yet.
    expect(textOf(page)).not.toContain('东岭村');
    const card = await openForm(page, '新庄村');
    await tap(findByText(page, '.main--form-choice', '备案'));
    expect(page.data.foundForm).toBe('filed');
    page.instance.onFoundNameInput({ detail: { value: '新庄村互助社' } });
    await tap(buttonIn(card, '确认筹建'));
    await waitFor(() => (villageCard(page, '新庄村').textContent ?? '').includes('筹备中（备案）'));
    const [society] = await societiesOf('area-test-xinzhuang');
    expect(society).toMatchObject({ name: '新庄村互助社', form: 'filed', status: 'preparing' });
    const audit = await store().find<AuditEventDoc>(COLLECTIONS.auditEvents, { where: { scopeId: society!._id } });
    expect(audit.map((event) => [event.action, event.actor.role])).toEqual([['society.create', 'township']]);

    // 东岭村 belongs to 河口乡: refused, nothing written (as if the page were tampered with).
    const before = await snapshot();
    page.instance.onStartFound({ currentTarget: { dataset: { villageId: DONGLING, villageName: '东岭村' } } });
    const quiet = silenceConsoleError();
    await page.instance.onConfirmFound();
    quiet.mockRestore();
    expect(page.data.foundError).toBe('只有本乡镇或县民政局可以筹建互助社');
    expect(await snapshot()).toEqual(before);
  });

  it('the federation sees the dashboard but may not found; a resident may not see it', async () => {
    setDemoCaller('demo-federation');
    const page = await openPage(DASHBOARD);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).not.toContain('筹建互助社');
    expect(textOf(page)).not.toContain('邀请社长');
    const before = await snapshot();
    page.instance.onStartFound({ currentTarget: { dataset: { villageId: DONGLING, villageName: '东岭村' } } });
    const quiet = silenceConsoleError();
    await page.instance.onConfirmFound();
    quiet.mockRestore();
    // The action itself is not open to the federation.
    expect(page.data.foundError).toBe('您没有权限进行此操作');
    expect(await snapshot()).toEqual(before);

    setDemoCaller('demo-resident');
    expect((await openPage(DASHBOARD)).data.state).toBe('forbidden');
  });
});
