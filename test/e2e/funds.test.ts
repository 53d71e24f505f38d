/**
 * Issue #6 "done when", through the browser preview: a NEW society (东岭村, which has none in the
 * seed) raises 10,000 yuan from the county subsidy, 8,000 from the collective and 12,000 in invited
 * donations, activates, pays relief, reverses a mistaken entry, and its fund report, meeting pack
 * and monthly report all agree with the ledger in the store to the fen; an uninvited pledge is
 * refused and writes nothing; the county dashboard shows 东岭村 go from no society to preparing
 * (how far from 30,000) to active.
 *
 * The tests run in order and share one stack. The people of 东岭村 (赵东岭 the president, 钱秀兰
 * the secretary, 孙守义 of the supervision committee, two donors) join by invitation with WeChat
 * identities of their own, which the frame's switcher does not list: they are made the phone's
 * stored caller, as the home page's picker stores a demo caller.
 */
import { COLLECTIONS, type MembershipDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { FundDoc, LedgerEntryDoc } from '../../server/ledger/ledger';
import type { PledgeDoc } from '../../server/pledges/usecases';
import type { MonthlyReportDoc } from '../../server/reports/monthly';
import { DEMO_CALLER_STORAGE_KEY } from '../../miniprogram/config';
import { DEMO_CALLERS } from '../../miniprogram/pages/home/demo-callers';
import { formatYuan } from '../../miniprogram/domain/money';
import { beijingMonthOf } from '../../miniprogram/domain/funds';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import type { OfficerCaseView, PayoutDone } from '../../miniprogram/domain/case';
import { describeInChromium, startPreview, type PhonePage, type PreviewHarness } from './support/preview-harness';

const SOCIETY = 'soc-dongling';
const SOCIETY_NAME = '东岭村救急难互助社';
const REGISTRATION_NUMBER = '清民社登字〔2026〕第010号';

const DASHBOARD = 'packages/oversight/pages/county-dashboard/index';
const OFFICER_INVITE = 'packages/officer/pages/invite/index';
const INVITE = 'pages/invite/index';
const SETTINGS = 'packages/officer/pages/society-settings/index';
const LEDGER = 'packages/officer/pages/ledger/index';
const PLEDGES = 'packages/officer/pages/pledges/index';
const FUND_REPORT = 'pages/fund-report/index';
const MEETINGS = 'pages/meetings/index';
const MONTHLY_REPORTS = 'packages/officer/pages/monthly-reports/index';

/** 东岭村's people: WeChat identities of their own (not demo callers). */
const PRESIDENT = 'e2e-dl-president';
const SECRETARY = 'e2e-dl-secretary';
const SUPERVISOR = 'e2e-dl-supervisor';
const DONOR_ZHOU = 'e2e-dl-donor-zhou';
const DONOR_LI = 'e2e-dl-donor-li';
const PASSER_BY = 'e2e-dl-passer-by';

jest.setTimeout(120_000);

describeInChromium(
  'issue #6 done when: 东岭村 raises its fund, activates, pays relief, and every report agrees',
  () => {
    let preview: PreviewHarness;

    beforeAll(async () => {
      preview = await startPreview();
    });

    afterAll(async () => {
      await preview?.close();
    });

    // --- the phone ---------------------------------------------------------------------------------

    let shared: PhonePage | null = null;
    let loads = 0;

    /**
     * `route` as `caller`, loaded afresh in the one phone of this story (a new browser context per
     * page costs more than the machine has to spare). A caller outside the demo list is made the
     * phone's stored caller first.
     */
    async function openAs(route: string, caller: string, query: Record<string, string> = {}): Promise<PhonePage> {
      // The invitation page without a code makes no cloud call: the cheapest page to start from.
      const phone = (shared ??= await preview.open(INVITE));
      const demo = DEMO_CALLERS.some((known) => known.openid === caller);
      if (!demo) {
        await phone.page.evaluate(
          ([key, openid]) => localStorage.setItem(key!, JSON.stringify(openid)),
          [`wx:${DEMO_CALLER_STORAGE_KEY}`, caller],
        );
      }
      const search = Object.entries(query)
        .map(([key, value]) => `${key}=${value}`)
        .join('&');
      // The frame takes ?caller= for demo callers only; a new search each time makes it a new load
      // of the frame (a change of the hash alone would not reload it).
      loads += 1;
      const frame = `/?${demo ? 'caller' : 'as'}=${encodeURIComponent(caller)}&load=${loads}`;
      await phone.page.goto(`${preview.url}${frame}#/${route}${search ? `?${search}` : ''}`);
      await phone.settled();
      return phone;
    }

    /** Elements of the page on top by their WXML class (the preview prefixes classes with the page path). */
    function byClass(phone: PhonePage, route: string, name: string) {
      return phone.phone.locator(`page:not([hidden]) .${route.replace(/\//g, '-')}--${name}`);
    }

    /** Taps the t-button labelled `label` inside the element (a card, a row) that contains `within`. */
    async function tapIn(phone: PhonePage, container: ReturnType<typeof byClass>, within: string, label: string) {
      await container.filter({ hasText: within }).locator('wx-button').filter({ hasText: label }).first().click();
      await phone.settled();
    }

    /**
     * What the page's picker reports on 确定 (TDesign's wheel is not draggable in the preview): the
     * page's own handler for the picker's confirm event, called as WeChat would.
     */
    async function pickerConfirms(phone: PhonePage, handler: string, value: string): Promise<void> {
      await phone.phone.evaluate(
        ([name, picked]) => {
          const pages = (
            globalThis as unknown as { getCurrentPages(): Array<Record<string, (event: unknown) => unknown>> }
          ).getCurrentPages();
          return pages[pages.length - 1]![name!]!({ detail: { value: picked } });
        },
        [handler, value],
      );
      await phone.settled();
    }

    const collapse = (texts: string[]) => texts.map((text) => text.replace(/\s+/g, ''));

    // --- the store ---------------------------------------------------------------------------------

    const store = () => preview.stack.ports.store;

    async function entries(): Promise<LedgerEntryDoc[]> {
      return findAll<LedgerEntryDoc>(store(), COLLECTIONS.ledgerEntries, {
        where: { societyId: SOCIETY },
        orderBy: [['seq', 'asc']],
      });
    }

    async function fund(): Promise<FundDoc | null> {
      return store().get<FundDoc>(COLLECTIONS.funds, SOCIETY);
    }

    /** Sums over ledger entries: a reversal counts, negated, under the type of the entry it reverses. */
    function sums(list: LedgerEntryDoc[]) {
      const fen: Record<string, number> = {};
      const count: Record<string, number> = {};
      const reliefFen: Record<string, number> = {};
      const reliefCount: Record<string, number> = {};
      for (const entry of list) {
        const type = entry.reverses?.type ?? entry.type;
        const step = entry.reverses ? -1 : 1;
        fen[type] = (fen[type] ?? 0) + entry.amountFen;
        count[type] = (count[type] ?? 0) + step;
        if (type === 'reliefPayout') {
          const kind = entry.reliefType ?? 'unspecified';
          reliefFen[kind] = (reliefFen[kind] ?? 0) - entry.amountFen;
          reliefCount[kind] = (reliefCount[kind] ?? 0) + step;
        }
      }
      const inFen = ['countySubsidy', 'collectiveFund', 'donation', 'bankInterest'].reduce(
        (total, type) => total + (fen[type] ?? 0),
        0,
      );
      return {
        fen: (type: string) => fen[type] ?? 0,
        count: (type: string) => count[type] ?? 0,
        reliefFen: (kind: string) => reliefFen[kind] ?? 0,
        reliefCount: (kind: string) => reliefCount[kind] ?? 0,
        inFen,
        outFen: -(fen.reliefPayout ?? 0),
        netFen: list.reduce((total, entry) => total + entry.amountFen, 0),
      };
    }

    async function counts() {
      return {
        pledges: await store().count(COLLECTIONS.pledges),
        entries: await store().count(COLLECTIONS.ledgerEntries),
        users: await store().count(COLLECTIONS.users),
        memberships: await store().count(COLLECTIONS.memberships),
        audit: await store().count(COLLECTIONS.auditEvents),
        balanceFen: (await fund())?.balanceFen ?? 0,
      };
    }

    /** The county's dashboard opened at 河口乡's villages (查看各村), where 东岭村 is. */
    async function openHekou(): Promise<PhonePage> {
      const dashboard = await openAs(DASHBOARD, 'demo-county');
      await tapIn(dashboard, byClass(dashboard, DASHBOARD, 'township'), '河口乡', '查看各村');
      await byClass(dashboard, DASHBOARD, 'village').filter({ hasText: '东岭村' }).waitFor();
      return dashboard;
    }

    async function dashboardRow(phone: PhonePage): Promise<string> {
      const row = byClass(phone, DASHBOARD, 'village').filter({ hasText: '东岭村' });
      return (await row.innerText()).replace(/\s+/g, ' ');
    }

    async function accept(code: string, caller: string, wanted: string): Promise<void> {
      const phone = await openAs(INVITE, caller, { code });
      await phone.waitForText(wanted);
      await phone.tap('接受邀请');
      await phone.waitForText(`您已成为${SOCIETY_NAME}的`);
      expect(phone.errors).toEqual([]);
    }

    /** Fills and sends the officer invitation form; answers the code shown once. */
    async function invite(phone: PhonePage, role: string, name: string): Promise<string> {
      await byClass(phone, OFFICER_INVITE, 'role-choice').getByText(role, { exact: true }).click();
      await phone.fill('如 青石建材有限公司', name);
      await phone.tap('生成邀请码');
      await phone.waitForText(`邀请 ${name} 成为${role}`);
      const link = await byClass(phone, OFFICER_INVITE, 'created__path').innerText();
      const code = /\?code=([A-Za-z0-9-]+)/.exec(link)?.[1];
      expect(code).toBeTruthy();
      await phone.tap('完成');
      return code!;
    }

    // --- the story ---------------------------------------------------------------------------------

    it('R-ORG-1: 东岭村 has no society on the county dashboard; the county starts one there and appoints its president, who brings in the officers and fills in the charter, place and account', async () => {
      preview.clock.set('2026-10-08T09:00:00+08:00');
      const dashboard = await openHekou();
      const before = await dashboardRow(dashboard);
      expect(before).toContain('尚未成立互助社');
      expect(before).toContain('应登记尽登记：请指导本村成立互助社');
      const written = await counts();
      const societies = await store().count(COLLECTIONS.societies);

      // The county bureau founds it on the dashboard (R-ORG-1): 登记, the default name.
      const rows = byClass(dashboard, DASHBOARD, 'village');
      await tapIn(dashboard, rows, '东岭村', '筹建互助社');
      await dashboard.waitForText('为东岭村筹建互助社');
      await byClass(dashboard, DASHBOARD, 'form-choice').filter({ hasText: '登记' }).click();
      expect(await dashboard.phone.locator('page:not([hidden]) [data-field="societyName"] input').inputValue()).toBe(
        SOCIETY_NAME,
      );
      await tapIn(dashboard, rows, '东岭村', '确认筹建');
      await rows.filter({ hasText: '东岭村' }).filter({ hasText: '筹备中（登记）' }).waitFor();
      const founded = await dashboardRow(dashboard);
      expect(founded).toContain(SOCIETY_NAME);
      expect(founded).toContain('还差 ¥30,000.00 达到启动资金');
      expect(founded).not.toContain('筹建互助社');
      expect(dashboard.errors).toEqual([]);
      expect(await store().get(COLLECTIONS.societies, SOCIETY)).toMatchObject({
        name: SOCIETY_NAME,
        form: 'registered',
        status: 'preparing',
      });
      expect(await store().count(COLLECTIONS.societies)).toBe(societies + 1);
      expect((await counts()).audit).toBe(written.audit + 1);

      // The next step, from the dashboard: the county appoints the president by invitation; 赵东岭
      // accepts from the link.
      await tapIn(dashboard, rows, '东岭村', '邀请社长');
      expect(await dashboard.url()).toBe(`${OFFICER_INVITE}?societyId=${SOCIETY}`);
      const county = dashboard;
      await county.waitForText(SOCIETY_NAME);
      const presidentCode = await invite(county, '社长', '赵东岭');
      expect(county.errors).toEqual([]);
      await accept(presidentCode, PRESIDENT, `${SOCIETY_NAME}邀请您担任社长`);

      // The president invites the secretary and the supervision committee; each accepts.
      const president = await openAs(OFFICER_INVITE, PRESIDENT, { societyId: SOCIETY });
      const secretaryCode = await invite(president, '秘书长', '钱秀兰');
      const supervisorCode = await invite(president, '村监督委员会', '孙守义');
      expect(president.errors).toEqual([]);
      await accept(secretaryCode, SECRETARY, `${SOCIETY_NAME}邀请您担任秘书长`);
      await accept(supervisorCode, SUPERVISOR, `${SOCIETY_NAME}邀请您担任村监督委员会`);

      const memberships = await findAll<MembershipDoc>(store(), COLLECTIONS.memberships, {
        where: { societyId: SOCIETY },
      });
      expect(memberships.map((m) => m.role).sort()).toEqual(['president', 'secretary', 'supervisor']);

      // The president records the charter, the place and the society's own bank account.
      const settings = await openAs(SETTINGS, PRESIDENT, { societyId: SOCIETY });
      await settings.waitForText('以下条件全部齐备后才能启动');
      expect(await settings.text()).not.toContain('启动互助社');
      await settings.tap('修改章程、场所与账户');
      await settings.tap('章程尚未制定（点此标记为已制定）');
      await settings.fill('如 王家村村民委员会一楼', '东岭村党群服务中心');
      await settings.fill('[data-field="accountName"] input', SOCIETY_NAME);
      await settings.fill('[data-field="bankName"] input', '清溪农村商业银行河口支行');
      await settings.fill('[data-field="accountNumber"] input', '6230999900000077');
      await settings.tap('保存');
      await settings.waitForText('固定场所：东岭村党群服务中心');
      const checklist = collapse(await byClass(settings, SETTINGS, 'check').allInnerTexts());
      expect(checklist.filter((line) => line.startsWith('✓'))).toHaveLength(5);
      expect(checklist.find((line) => line.includes('启动资金'))).toContain('还差30,000元');
      expect(settings.errors).toEqual([]);
    });

    it('R-ORG-2, R-FUND-3: the secretary records the county subsidy and the collective funds; the dashboard shows 东岭村 preparing, 12,000 short', async () => {
      preview.clock.set('2026-10-12T10:00:00+08:00');
      const ledger = await openAs(LEDGER, SECRETARY, { societyId: SOCIETY });
      await ledger.waitForText('还没有记录');
      for (const [seq, type, amount, sourceRef, payer] of [
        [1, '县财政补助', '10000', '清财社〔2026〕31号', '清溪县财政局'],
        [2, '村集体资金', '8000', '东岭村村民代表会议决议 2026-10', '东岭村股份经济合作社'],
      ] as const) {
        await ledger.tap('登记一笔收入');
        await byClass(ledger, LEDGER, 'type-choice').getByText(type, { exact: true }).click();
        await ledger.fill('如 10000', amount);
        await ledger.fill('[data-field="sourceRef"] input', sourceRef);
        await ledger.fill('如 清溪县财政局', payer);
        await ledger.tap('记账');
        await ledger.waitForText(`第 ${seq} 笔 · ${type}`);
      }
      expect(await byClass(ledger, LEDGER, 'balance').innerText()).toBe('¥18,000.00');
      expect(ledger.errors).toEqual([]);

      const list = await entries();
      expect(list.map((entry) => [entry.type, entry.amountFen])).toEqual([
        ['countySubsidy', 10_000_00],
        ['collectiveFund', 8_000_00],
      ]);
      expect((await fund())?.balanceFen).toBe(18_000_00);

      const dashboard = await openHekou();
      const row = await dashboardRow(dashboard);
      expect(row).toContain('筹备中（登记）');
      expect(row).toContain('尚未登记');
      expect(row).toContain('已筹集 ¥18,000.00 / 目标 ¥30,000.00');
      expect(row).toContain('还差 ¥12,000.00 达到启动资金');
      expect(row).toContain('县财政补助 ¥10,000.00 · 村集体资金 ¥8,000.00 · 社会捐赠 ¥0.00');
      expect(row).toContain('尚缺：还差 12,000 元');
      expect(dashboard.errors).toEqual([]);
    });

    it('R-FUND-2: an uninvited pledge is refused: a forged code shows the Chinese error and no form, and nothing is written', async () => {
      const before = await counts();
      const phone = await openAs(INVITE, PASSER_BY, { code: 'DLFAKE-2026-GIFT' });
      await phone.waitForText('邀请码无效，请向邀请您的互助社核对');
      const text = await phone.text();
      expect(text).not.toContain('确认认捐');
      expect(text).not.toContain('认捐金额');
      expect(await byClass(phone, INVITE, 'pledge-form').count()).toBe(0);
      expect(phone.errors).toEqual([]);

      // Straight at the cloud, without any invitation: refused the same way.
      const refused = await preview.call(
        'pledges',
        {
          action: 'pledge',
          requestId: 'e2e-dl-uninvited-1',
          amountFen: 12_000_00,
          channel: 'bankToSociety',
          anonymous: false,
        },
        PASSER_BY,
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await counts()).toEqual(before);
    });

    it('R-FUND-2, R-FUND-3: invited donors pledge 12,000 from the link; the secretary confirms each receipt and the fund rises by exactly that, once', async () => {
      preview.clock.set('2026-10-14T10:00:00+08:00');
      const secretaryInvites = await openAs(OFFICER_INVITE, SECRETARY, { societyId: SOCIETY });
      // Issue 11: the role chosen by default carries ✓ (jj-choice), not colour alone.
      expect(collapse(await byClass(secretaryInvites, OFFICER_INVITE, 'role-choice').allInnerTexts())).toEqual([
        '✓捐赠人',
        '会员',
        '志愿者',
      ]);
      const zhouCode = await invite(secretaryInvites, '捐赠人', '东岭籍企业家 周海');
      const liCode = await invite(secretaryInvites, '捐赠人', '李桂芬');
      expect(secretaryInvites.errors).toEqual([]);

      const pledged: string[] = [];
      for (const [caller, code, amount, channel, anonymous] of [
        [DONOR_ZHOU, zhouCode, '7000', '银行转账至互助社账户', false],
        [DONOR_LI, liCode, '5000', '现金交秘书长（出纳）', true],
      ] as const) {
        const donor = await openAs(INVITE, caller, { code });
        await donor.waitForText(`${SOCIETY_NAME}邀请您支持本村救急难互助资金`);
        await donor.fill('如 1000', amount);
        await byClass(donor, INVITE, 'channel-choice').getByText(channel, { exact: true }).click();
        if (anonymous) await donor.tap('匿名');
        await donor.tap('确认认捐');
        await donor.waitForText(`感谢您向${SOCIETY_NAME}认捐`);
        const done = await donor.text();
        expect(done).toContain(formatYuan(Number(amount) * 100));
        if (channel.startsWith('银行')) expect(done).toContain('账号：6230999900000077');
        expect(donor.errors).toEqual([]);
        pledged.push(amount);
      }
      // A pledge is not money: nothing in the ledger yet.
      expect((await fund())?.balanceFen).toBe(18_000_00);
      const pledges = await findAll<PledgeDoc>(store(), COLLECTIONS.pledges, { where: { societyId: SOCIETY } });
      expect(pledges.map((p) => [p.amountFen, p.status]).sort()).toEqual([
        [5_000_00, 'pledged'],
        [7_000_00, 'pledged'],
      ]);

      preview.clock.set('2026-10-19T10:00:00+08:00');
      const list = await openAs(PLEDGES, SECRETARY, { societyId: SOCIETY });
      const cards = byClass(list, PLEDGES, 'pledge');
      await list.waitForText('东岭籍企业家 周海');
      for (const [donor, slip] of [
        ['东岭籍企业家 周海', '回单 1019-001'],
        ['李桂芬（公开时匿名）', '收据 2026-0001'],
      ] as const) {
        await tapIn(list, cards, donor, '确认到账');
        await list.fill('[data-field="slip"] input', slip);
        await tapIn(list, cards, donor, '确认到账并记账');
        // Received, it leaves the list of pledges awaiting receipt.
        await cards.filter({ hasText: donor }).waitFor({ state: 'detached' });
      }
      await list.tap('全部');
      for (const amount of pledged) {
        expect(await cards.filter({ hasText: formatYuan(Number(amount) * 100) }).innerText()).toContain('已到账');
      }
      expect(list.errors).toEqual([]);

      // Exactly once each: two donation entries, the balance at 30,000, the pledges received.
      const donations = (await entries()).filter((entry) => entry.type === 'donation');
      expect(donations.map((entry) => entry.amountFen).sort()).toEqual([5_000_00, 7_000_00]);
      expect((await fund())?.balanceFen).toBe(30_000_00);
      const received = await findAll<PledgeDoc>(store(), COLLECTIONS.pledges, { where: { societyId: SOCIETY } });
      expect(received.map((p) => p.status)).toEqual(['received', 'received']);
    });

    it('R-ORG-2: with 30,000 raised and every item in place, the county activates 东岭村; the dashboard shows it active', async () => {
      preview.clock.set('2026-10-20T10:00:00+08:00');
      const settings = await openAs(SETTINGS, 'demo-county', { societyId: SOCIETY });
      await settings.waitForText('启动条件已经齐备，可以申请启动');
      expect(await settings.text()).toContain('已筹集 ¥30,000.00，目标 ¥30,000.00');
      await settings.tap('启动互助社');
      await settings.fill('.' + SETTINGS.replace(/\//g, '-') + '--status-form input', REGISTRATION_NUMBER);
      await settings.tap('确认启动互助社');
      await settings.waitForText(`登记证号：${REGISTRATION_NUMBER}`);
      expect(await settings.text()).toContain('运行中');
      expect(settings.errors).toEqual([]);
      expect(await store().get(COLLECTIONS.societies, SOCIETY)).toMatchObject({
        status: 'active',
        registrationNumber: REGISTRATION_NUMBER,
      });

      const dashboard = await openHekou();
      const row = await dashboardRow(dashboard);
      expect(row).toContain('运行中（登记）');
      expect(row).toContain(`登记号 ${REGISTRATION_NUMBER}`);
      expect(row).toContain('余额 ¥30,000.00');
      expect(row).not.toContain('还差');
      expect(dashboard.errors).toEqual([]);
    });

    it('R-FUND-3: relief paid once from the ledger; a mistaken entry is reversed on the ledger page, naming it', async () => {
      // A household found on a visit: opened, visited, proposed, approved and paid in cash (set-up by
      // the cloud functions; the case pages have their own stories).
      preview.clock.set('2026-11-10T10:00:00+08:00');
      const call = async <T>(fn: string, action: string, payload: Record<string, unknown>, openid: string) => {
        const answer = await preview.call<T>(fn, { action, ...payload }, openid);
        if (!answer.ok) throw new Error(`${fn}.${action}: ${answer.error.code} ${answer.error.message}`);
        return answer.data;
      };
      const opened = await call<OfficerCaseView>(
        'approvals',
        'openDiscovery',
        {
          requestId: 'e2e-dl-discovery-1',
          societyId: SOCIETY,
          person: { name: '吴秀珍', idNumber: makeIdNumber({ birthDate: '1952-03-08', sequence: 41 }) },
          hukou: 'beneficiary',
          cause: 'majorIllness',
          description: '独居老人突发脑梗住院，医疗费用支出大',
          assistance: [],
          category: 'expenditureHardship',
          livingAtRisk: true,
          discoveredHow: '入户走访中发现',
          consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION, method: 'verbal' },
        },
        SECRETARY,
      );
      const caseId = opened.id;
      const opinion = { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' };
      await call(
        'approvals',
        'recordVisit',
        {
          caseId,
          visitedAt: '2026-11-10T09:30:00+08:00',
          visitors: [{ name: '钱秀兰' }, { name: '孙守义' }],
          findings: '情况属实，独居无子女照料',
          opinion: { ...opinion, reason: '情况属实，建议应急救助' },
        },
        SECRETARY,
      );
      await call('approvals', 'propose', { caseId, ...opinion, reason: '建议按二档应急救助' }, SECRETARY);
      await call('approvals', 'approve', { caseId, note: '同意' }, PRESIDENT);
      const pay = { caseId, requestId: 'e2e-dl-pay-1', method: 'cash', amountFen: 600_00 };
      const paid = await call<PayoutDone>('approvals', 'disburse', pay, SECRETARY);
      expect(paid.state).toBe('paid');
      await call('approvals', 'disburse', pay, SECRETARY); // a retry of the same payout
      const payouts = (await entries()).filter((entry) => entry.type === 'reliefPayout');
      expect(payouts.map((entry) => [entry.amountFen, entry.reliefType, entry.sourceRef])).toEqual([
        [-600_00, 'emergency', `case:${caseId}`],
      ]);
      expect((await fund())?.balanceFen).toBe(29_400_00);

      // The secretary records the collective's 8,000 a second time by mistake, then reverses it.
      preview.clock.set('2026-11-16T10:00:00+08:00');
      const ledger = await openAs(LEDGER, SECRETARY, { societyId: SOCIETY });
      await ledger.tap('登记一笔收入');
      await byClass(ledger, LEDGER, 'type-choice').getByText('村集体资金', { exact: true }).click();
      await ledger.fill('如 10000', '8000');
      await ledger.fill('[data-field="sourceRef"] input', '东岭村村民代表会议决议 2026-10');
      await ledger.tap('记账');
      await ledger.waitForText('第 6 笔 · 村集体资金');
      expect(await byClass(ledger, LEDGER, 'balance').innerText()).toBe('¥37,400.00');
      const mistake = (await entries()).at(-1)!;
      expect(mistake).toMatchObject({ seq: 6, type: 'collectiveFund', amountFen: 8_000_00 });

      await tapIn(ledger, byClass(ledger, LEDGER, 'entry'), '第 6 笔 · 村集体资金', '冲正');
      await ledger.waitForText('冲正 第 6 笔 村集体资金 +¥8,000.00');
      await ledger.fill('冲正原因（必填）', '村集体资金重复登记');
      await ledger.tap('确认冲正');
      await ledger.waitForText('第 7 笔 · 冲正');
      const rows = byClass(ledger, LEDGER, 'entry');
      const row = (seq: number) => rows.filter({ hasText: new RegExp(`^\\s*第 ${seq} 笔 · `) });
      expect(await row(7).innerText()).toContain('冲正第 6 笔');
      expect(await row(6).innerText()).toContain('已被冲正（第 7 笔）');
      expect(await row(6).locator('wx-button').count()).toBe(0);
      expect(await byClass(ledger, LEDGER, 'balance').innerText()).toBe('¥29,400.00');
      expect(ledger.errors).toEqual([]);

      const list = await entries();
      expect(list.at(-1)).toMatchObject({
        seq: 7,
        type: 'reversal',
        amountFen: -8_000_00,
        reverses: { entryId: mistake._id, type: 'collectiveFund' },
      });
      expect((await fund())?.balanceFen).toBe(sums(list).netFen);
      expect(sums(list).netFen).toBe(29_400_00);
    });

    it('R-OVS-4: the fund report shows the balance, money in by channel and out by relief type equal to the ledger sums, to the fen', async () => {
      preview.clock.set('2026-12-01T10:00:00+08:00');
      const list = await entries();
      const total = sums(list);
      const phone = await openAs(FUND_REPORT, SUPERVISOR, { societyId: SOCIETY });
      await phone.waitForText('与台账逐笔核对一致');
      const text = await phone.text();
      expect(text).toContain(`互助资金余额 ${formatYuan(total.netFen)}`);
      expect(text).toContain(`期初余额 ${formatYuan(0)}`);
      expect(text).toContain(`本期收入 ${formatYuan(total.inFen)}`);
      expect(text).toContain(`本期支出 ${formatYuan(total.outFen)}`);
      expect(text).toContain(`期末余额 ${formatYuan(total.netFen)}`);
      for (const [type, label] of [
        ['countySubsidy', '县财政补助'],
        ['collectiveFund', '村集体资金'],
        ['donation', '社会捐赠'],
        ['bankInterest', '银行利息'],
      ]) {
        expect(text).toContain(`${label} ${total.count(type!)} 笔 ${formatYuan(total.fen(type!))}`);
      }
      expect(text).toContain(
        `应急救助 ${total.reliefCount('emergency')} 人次 ${formatYuan(total.reliefFen('emergency'))}`,
      );
      expect(text).toContain(`补充救助 0 人次 ${formatYuan(0)}`);
      expect(text).toContain('其中冲正 1 笔');
      expect(text).toContain(`共 ${list.length} 笔`);
      // The figures themselves, as the issue tells them.
      expect([total.fen('countySubsidy'), total.fen('collectiveFund'), total.fen('donation')]).toEqual([
        10_000_00, 8_000_00, 12_000_00,
      ]);
      expect([total.outFen, total.netFen, (await fund())?.balanceFen]).toEqual([600_00, 29_400_00, 29_400_00]);
      expect(phone.errors).toEqual([]);
    });

    it('R-OVS-4: the president calls the general meeting 14 days ahead and publishes its pack, which agrees with the ledger at its cut-off', async () => {
      const phone = await openAs(MEETINGS, PRESIDENT, { societyId: SOCIETY });
      await phone.waitForText('暂无即将召开的会员大会');
      await phone.tap('召集会员大会');
      await pickerConfirms(phone, 'onTimeChange', '2026-12-15 09:00');
      await phone.waitForText('2026-12-15 09:00');
      await phone.fill('如 村民委员会二楼会议室', '东岭村党群服务中心二楼');
      await phone.tap('通知会员');
      await phone.waitForText('会员大会已通知会员');
      expect(await phone.text()).toContain('时间：2026年12月15日 09:00');
      const meetings = await findAll<{ _id: string; startsAt: string; place: string }>(store(), COLLECTIONS.meetings, {
        where: { societyId: SOCIETY },
      });
      expect(meetings.map((m) => [Date.parse(m.startsAt), m.place])).toEqual([
        [Date.parse('2026-12-15T09:00:00+08:00'), '东岭村党群服务中心二楼'],
      ]);

      await phone.tap('东岭村党群服务中心二楼', { exact: false });
      expect(await phone.url()).toMatch(/^pages\/meeting\/index\?meetingId=/);
      await phone.tap('发布会议材料');
      await phone.waitForText('材料截至2026年11月底，发布后不再改变');

      // The cut-off is the end of November: every entry recorded before 1 December (Beijing).
      const atCutoff = (await entries()).filter((entry) => beijingMonthOf(entry.recordedAt) <= '2026-11');
      const total = sums(atCutoff);
      const lines = collapse(await byClass(phone, 'pages/meeting/index', 'pack-line').allInnerTexts());
      expect(lines).toEqual([
        `期初余额${formatYuan(0)}`,
        `收入${formatYuan(total.inFen)}`,
        `支出${formatYuan(total.outFen)}`,
        `期末余额${formatYuan(total.netFen)}`,
        `县财政补助（${total.count('countySubsidy')}笔）${formatYuan(total.fen('countySubsidy'))}`,
        `村集体资金（${total.count('collectiveFund')}笔）${formatYuan(total.fen('collectiveFund'))}`,
        `社会捐赠（${total.count('donation')}笔）${formatYuan(total.fen('donation'))}`,
        `银行利息（${total.count('bankInterest')}笔）${formatYuan(total.fen('bankInterest'))}`,
        `补充救助（0人次）${formatYuan(0)}`,
        `应急救助（${total.reliefCount('emergency')}人次）${formatYuan(total.reliefFen('emergency'))}`,
        ...lines.slice(10), // the cases section (counts of cases, not money)
      ]);
      expect(await phone.text()).toContain('与台账逐笔核对一致');
      expect(phone.errors).toEqual([]);
    });

    it('R-PROC-8: November’s monthly report, generated on the officer page on 1 December, agrees with the ledger for November', async () => {
      const phone = await openAs(MONTHLY_REPORTS, SECRETARY, { societyId: SOCIETY });
      await phone.waitForText('生成并报送月报');
      await pickerConfirms(phone, 'onMonthChange', '2026-11');
      await phone.waitForText('2026年11月');
      await phone.tap('生成并报送');
      await phone.waitForText('2026年11月月报');

      const all = await entries();
      const october = sums(all.filter((entry) => beijingMonthOf(entry.recordedAt) === '2026-10'));
      const november = sums(all.filter((entry) => beijingMonthOf(entry.recordedAt) === '2026-11'));
      const card = phone.phone.locator('page:not([hidden]) [class*="jj-report-card__line"]');
      expect(collapse(await card.allInnerTexts()).slice(0, 4)).toEqual([
        `月初余额${formatYuan(october.netFen)}`,
        `本月收入${formatYuan(november.inFen)}`,
        `本月支出${formatYuan(november.outFen)}`,
        `月末余额${formatYuan(october.netFen + november.netFen)}`,
      ]);
      expect(await phone.text()).toContain('与台账逐笔核对一致');
      expect(phone.errors).toEqual([]);

      // The report as stored (what the township and the federation receive) agrees too.
      const [report] = await store().find<MonthlyReportDoc>(COLLECTIONS.monthlyReports, {
        where: { societyId: SOCIETY, month: '2026-11' },
      });
      expect(report?.statement).toMatchObject({
        openingFen: 30_000_00,
        inFen: november.inFen,
        outFen: november.outFen,
        closingFen: 29_400_00,
        reconciliation: { ok: true },
      });
      expect(report!.statement.inByChannel.map((line) => [line.key, line.fen])).toEqual(
        ['countySubsidy', 'collectiveFund', 'donation', 'bankInterest'].map((type) => [type, november.fen(type)]),
      );
      expect(report!.statement.outByRelief.map((line) => [line.key, line.fen])).toEqual(
        ['supplementary', 'emergency'].map((kind) => [kind, november.reliefFen(kind)]),
      );
      expect(november.inFen).toBe(0); // the mistaken 8,000 and its reversal cancel out
    });
  },
);
