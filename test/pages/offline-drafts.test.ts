/**
 * Issue 11, offline: WeChat restarts on the page the person was on, home shows the last good data
 * when the network fails, and the apply form and the officer's intake, visit and disburse forms
 * keep drafts on the phone — bound to the user who typed them, removed once sent.
 */
import * as fs from 'fs';
import * as path from 'path';
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls, routeCloudTo, setNetworkDown, storageSnapshot } from '../support/simulate-setup';
import {
  findByText,
  loadPage,
  MINIPROGRAM_ROOT,
  openPage,
  silenceConsoleError,
  tap,
  textOf,
  textsOf,
  waitFor,
  type PageComponent,
} from '../support/simulate-pages';
import { application, caller, visit } from '../cases/helpers';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { MyCaseView } from '../../miniprogram/domain/case';
import { NETWORK_ERROR_MESSAGE, setDemoCaller } from '../../miniprogram/services/cloud';
import { draftKey, draftsReady, loadDraft, saveDraft } from '../../miniprogram/utils/drafts';
import { DRAFT_KEY } from '../../miniprogram/pages/apply/view';
import { OFFLINE_NOTE } from '../../miniprogram/pages/home/view';

const HOME = 'pages/home/index';
const APPLY = 'pages/apply/index';
const INTAKE = 'packages/officer/pages/intake/index';
const VISIT = 'packages/officer/pages/visit/index';
const DISBURSE = 'packages/officer/pages/disburse/index';
const WANGJIA = 'soc-wangjia';
const RESTORED = '已恢复您上次填写的内容';

jest.setTimeout(30_000);

const backend = usePageBackend();

beforeAll(() => {
  [HOME, APPLY, INTAKE, VISIT, DISBURSE].forEach((page) => loadPage(page));
});

type Handler = (event?: unknown) => unknown;
const on = (page: PageComponent) =>
  page.instance as unknown as { onInput: Handler; onPick: Handler; onSubmit: Handler; onPickReceiptWay: Handler };
const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });
const pick = (field: string, value: string) => ({ currentTarget: { dataset: { field, value } }, detail: {} });

/** An application by demo-applicant, accepted by the secretary: its visit is due. */
async function acceptedCase(requestId: string, sequence: number): Promise<string> {
  const api = caller(backend());
  const mine = await api.ok<MyCaseView>(
    'applications',
    'submit',
    application({
      requestId,
      beneficiary: {
        name: '王桂兰',
        idNumber: makeIdNumber({ birthDate: '1948-03-12', sequence }),
        relationship: 'otherRelative',
      },
    }),
    'demo-applicant',
  );
  await api.ok('approvals', 'accept', { caseId: mine.id }, 'demo-secretary');
  return mine.id;
}

describe('coming back after WeChat was closed', () => {
  it('issue 11: restartStrategy brings a person back to the page they were on, not to home', () => {
    const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as Record<string, unknown>;
    expect(app.restartStrategy).toBe('homePageAndLatestPage');
  });
});

describe('home without a network', () => {
  it('issue 11: shows the last good data, says so, and 申请救助 still leads to the saved draft', async () => {
    setDemoCaller('demo-applicant');
    const online = await openPage(HOME);
    const applyTitles = textsOf(online, '.t-button--t-button');
    expect(applyTitles.some((title) => title.includes('申请救助'))).toBe(true);

    setNetworkDown(true);
    const offline = await openPage(HOME);
    expect(offline.data.state).toBe('ready');
    expect(textsOf(offline, '.main--home-offline')).toEqual([OFFLINE_NOTE]);
    expect(textsOf(offline, '.t-button--t-button')).toEqual(applyTitles);
    expect(offline.data.screen).toEqual(online.data.screen);

    await tap(findByText(offline, '.t-button--t-button', '申请救助'));
    expect(navigations().at(-1)).toMatch(/^\/pages\/apply\/index/);
  });

  it('with nothing seen before on this phone, says the network failed and offers 重新加载', async () => {
    silenceConsoleError();
    setDemoCaller('demo-applicant');
    setNetworkDown(true);
    const page = await openPage(HOME);
    expect(page.data.state).toBe('error');
    expect(textOf(page)).toContain(NETWORK_ERROR_MESSAGE);
    expect(textOf(page)).not.toContain(OFFLINE_NOTE);
  });

  it('another demo caller’s last data is not shown as this one’s', async () => {
    silenceConsoleError();
    setDemoCaller('demo-secretary');
    await openPage(HOME);
    setDemoCaller('demo-applicant');
    setNetworkDown(true);
    const page = await openPage(HOME);
    expect(page.data.state).toBe('error');
  });
});

describe('the apply draft is the user’s own', () => {
  it('issue 11: another user on the phone starts empty; the one who typed it gets it back', async () => {
    setDemoCaller('demo-applicant');
    const first = await openPage(APPLY, { societyId: WANGJIA });
    await waitFor(() => storageSnapshot().has('last-me'));
    on(first).onPick(pick('cause', 'accident'));
    expect(loadDraft(DRAFT_KEY)).toMatchObject({ form: { cause: 'accident' } });

    setDemoCaller('demo-resident');
    await openPage(HOME); // the phone learns who is there now
    const other = await openPage(APPLY, { societyId: WANGJIA });
    expect(other.data.restored).toBe(false);
    expect(other.data.form.cause).not.toBe('accident');

    setDemoCaller('demo-applicant');
    await openPage(HOME);
    const again = await openPage(APPLY, { societyId: WANGJIA });
    expect(again.data.restored).toBe(true);
    expect(again.data.form.cause).toBe('accident');
  });
});

describe('before the phone knows who is there (issue 11)', () => {
  /** Holds every `me` call until the returned release is called; other calls go through. */
  function holdMe(): () => void {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    routeCloudTo(async (name, event, openid) => {
      if (name === 'societies' && event.action === 'me') await gate;
      return backend().call(name, event, openid);
    });
    return release;
  }

  const storedDraft = () => storageSnapshot().get(DRAFT_KEY) as { owner: string; value: { form: { cause: string } } };

  it('issue 11: no draft is saved or read under an empty owner', async () => {
    setDemoCaller('demo-applicant');
    expect(draftsReady()).toBe(false);
    expect(saveDraft(DRAFT_KEY, { form: { cause: 'accident' } })).toBe(false);
    expect(storageSnapshot().has(DRAFT_KEY)).toBe(false);

    // A draft left under an empty owner (as an older version stored it) is nobody's.
    wx.setStorageSync(DRAFT_KEY, { owner: '', value: { form: { cause: 'accident' }, requestId: 'app-x', step: 0 } });
    expect(loadDraft(DRAFT_KEY)).toBeNull();
    await openPage(HOME); // the phone learns who is there
    expect(draftsReady()).toBe(true);
    expect(loadDraft(DRAFT_KEY)).toBeNull();
    const page = await openPage(APPLY, { societyId: WANGJIA });
    expect(page.data.restored).toBe(false);
    expect(page.data.form.cause).not.toBe('accident');
  });

  it('issue 11: the apply page waits for `me`, then gives the caller their draft back', async () => {
    setDemoCaller('demo-applicant');
    const first = await openPage(APPLY, { societyId: WANGJIA });
    await waitFor(() => storageSnapshot().has('last-me'));
    on(first).onPick(pick('cause', 'accident'));
    expect(storedDraft()).toMatchObject({ owner: 'demo-applicant', value: { form: { cause: 'accident' } } });

    // WeChat is reopened and the phone no longer holds who is there; `me` is slow to answer.
    wx.removeStorageSync('last-me');
    const release = holdMe();
    const page = await openPage(APPLY, { societyId: WANGJIA });
    expect(page.data.restored).toBe(false);
    expect(page.data.draftBound).toBe(false);

    release();
    await waitFor(() => page.data.draftBound);
    expect(page.data.restored).toBe(true);
    expect(page.data.form.cause).toBe('accident');
    expect(page.data.requestId).toBe(first.data.requestId);
  });

  it('issue 11: what is typed before `me` answers is not stored under nobody, then is kept as the caller’s', async () => {
    setDemoCaller('demo-applicant');
    const release = holdMe();
    const page = await openPage(APPLY, { societyId: WANGJIA });
    on(page).onPick(pick('cause', 'disaster'));
    expect(page.data.form.cause).toBe('disaster');
    expect(storageSnapshot().has(DRAFT_KEY)).toBe(false);

    release();
    await waitFor(() => page.data.draftBound);
    expect(page.data.restored).toBe(false);
    expect(page.data.form.cause).toBe('disaster');
    expect(storedDraft()).toMatchObject({ owner: 'demo-applicant', value: { form: { cause: 'disaster' } } });
  });

  it('issue 11: an officer whose `me` never answered types a visit; no draft is kept under nobody, nor read', async () => {
    const caseId = await acceptedCase('draft-visit-nobody', 47);
    setDemoCaller('demo-secretary');
    // A stray draft under an empty owner, and `me` failing: the form opens fresh and keeps nothing.
    wx.setStorageSync(draftKey('visit', caseId), { owner: '', value: { findings: '别人的草稿' } });
    routeCloudTo(async (name, event, openid) => {
      if (name === 'societies' && event.action === 'me') throw new Error('network down');
      return backend().call(name, event, openid);
    });
    const page = await openPage(VISIT, { caseId });
    expect(page.data.state).toBe('ready');
    expect(page.data.restored).toBe(false);
    expect(page.data.form.findings).not.toBe('别人的草稿');
    on(page).onInput(input('findings', '住院化疗，家中无劳动力'));
    expect(page.data.form.findings).toBe('住院化疗，家中无劳动力');
    expect(storageSnapshot().get(draftKey('visit', caseId))).toEqual({ owner: '', value: { findings: '别人的草稿' } });
  });
});

describe('the officer’s forms keep drafts (issue 11)', () => {
  it('visit: what was typed comes back after WeChat was killed, for this officer only', async () => {
    const caseId = await acceptedCase('draft-visit-1', 41);
    setDemoCaller('demo-secretary');
    const page = await openPage(VISIT, { caseId });
    expect(page.data.restored).toBe(false);
    on(page).onInput(input('findings', '住院化疗，家中无劳动力'));
    expect(loadDraft(draftKey('visit', caseId))).toMatchObject({ findings: '住院化疗，家中无劳动力' });

    const reopened = await openPage(VISIT, { caseId });
    expect(reopened.data.restored).toBe(true);
    expect(reopened.data.form.findings).toBe('住院化疗，家中无劳动力');
    expect(textOf(reopened)).toContain(RESTORED);

    // The president on the same phone does not get the secretary's notes.
    setDemoCaller('demo-president');
    const president = await openPage(VISIT, { caseId });
    expect(president.data.restored).toBe(false);
    expect(president.data.form.findings).toBe('');
  });

  it('intake: the draft comes back with its request id, and is removed once the case is opened', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(INTAKE, { societyId: WANGJIA });
    on(page).onInput(input('name', '孙老汉'));
    on(page).onInput(input('idNumber', makeIdNumber({ birthDate: '1944-09-09', sequence: 57 })));
    on(page).onPick(pick('cause', 'majorIllness'));
    on(page).onInput(input('description', '独居老人突发中风，无人照料'));
    on(page).onPick(pick('category', 'expenditureHardship'));
    on(page).onPick(pick('discoveredHow', '入户走访'));
    const requestId = page.data.requestId as string;

    const reopened = await openPage(INTAKE, { societyId: WANGJIA });
    expect(reopened.data.restored).toBe(true);
    expect(reopened.data.requestId).toBe(requestId);
    expect(reopened.data.form).toMatchObject({ name: '孙老汉', cause: 'majorIllness', discoveredHow: '入户走访' });
    expect(textOf(reopened)).toContain(RESTORED);

    const instance = reopened.instance as unknown as { onToggleConsent: Handler };
    instance.onToggleConsent({ currentTarget: { dataset: { field: 'consentProcessing' } } });
    instance.onToggleConsent({ currentTarget: { dataset: { field: 'consentNotice' } } });
    await on(reopened).onSubmit();
    expect(reopened.data.formError).toBe('');
    expect(
      recordedCalls()
        .filter((call) => call.event.action === 'openDiscovery')
        .at(-1)?.event,
    ).toMatchObject({
      requestId,
    });
    expect(storageSnapshot().has(draftKey('intake', WANGJIA))).toBe(false);
  });

  it('disburse: the draft keeps the request id, so a payout sent after a restart is still one payout', async () => {
    const { ok } = caller(backend());
    const caseId = await acceptedCase('draft-pay-1', 43);
    const opinion = { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' };
    await ok('approvals', 'recordVisit', visit(caseId, opinion), 'demo-secretary');
    await ok('approvals', 'propose', { caseId, ...opinion, reason: '建议按二档救助' }, 'demo-secretary');
    await ok('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');

    setDemoCaller('demo-secretary');
    const page = await openPage(DISBURSE, { caseId });
    expect(page.data.stepMode).toBe('disburse');
    on(page).onPickReceiptWay({ currentTarget: { dataset: { value: 'tap' } }, detail: {} });
    const requestId = page.data.requestId as string;
    expect(requestId).toMatch(/^pay-/);

    const reopened = await openPage(DISBURSE, { caseId });
    expect(reopened.data.restored).toBe(true);
    expect(reopened.data.requestId).toBe(requestId);
    expect(reopened.data.form.receiptWay).toBe('tap');

    await on(reopened).onSubmit();
    expect(reopened.data.formError).toBe('');
    const sent = recordedCalls().filter((call) => call.event.action === 'disburse');
    expect(sent.map((call) => call.event.requestId)).toEqual([requestId]);
    expect(storageSnapshot().has(draftKey('disburse', caseId))).toBe(false);
  });
});
