/**
 * Issue 14 on the pages, over the real backend with a fake wx at the boundary: one-time
 * authorisations asked in the submit tap and on the workbench (and counted only when accepted),
 * the society page's share card and 客服 entry, the invitation as a share card, and the forced update.
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls } from '../support/simulate-setup';
import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT, findByText, openPage, tap, textOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { COLLECTIONS, type UserDoc } from '../../server/collections';
import { grantId, type MessageGrantDoc } from '../../server/messages/outbox';
import { UPDATE_READY_CONTENT, watchForUpdates } from '../../miniprogram/utils/update';
import { DEMO_INVITATION_CODES } from '../../server/seed/demo-funds';
import { application, caller } from '../cases/helpers';
import type { MyCaseView } from '../../miniprogram/domain/case';
import type { AuditEventDoc } from '../../server/audit/trail';
import { BAD_PUBLIC_PHONE_MESSAGE } from '../../miniprogram/packages/officer/pages/society-settings/view';

jest.setTimeout(30_000);

const backend = usePageBackend();
const wxStub = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

type SubscribeOptions = { tmplIds: string[]; success?: (result: Record<string, string>) => void };
let asked: string[][] = [];
let answer: 'accept' | 'reject' = 'accept';
const original = wxStub.requestSubscribeMessage;

beforeEach(() => {
  asked = [];
  answer = 'accept';
  wxStub.requestSubscribeMessage = (options: SubscribeOptions) => {
    asked.push(options.tmplIds);
    options.success?.({
      errMsg: 'requestSubscribeMessage:ok',
      ...Object.fromEntries(options.tmplIds.map((id) => [id, answer])),
    });
  };
});
afterEach(() => {
  wxStub.requestSubscribeMessage = original;
});

async function grantsOf(
  openid: string,
  template: 'caseProgress' | 'officerTodo' | 'objectionResult' | 'donationProgress' | 'meetingNotice',
): Promise<number> {
  const { store } = backend().ports;
  const [user] = await store.find<UserDoc>(COLLECTIONS.users, { where: { openid } });
  const grant = user ? await store.get<MessageGrantDoc>(COLLECTIONS.messageGrants, grantId(user._id, template)) : null;
  return grant?.remaining ?? 0;
}

interface ApplyInstance {
  onInput(event: unknown): void;
  onPick(event: unknown): void;
  onToggleConsent(event: unknown): void;
}
const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });
const pick = (field: string, value: string) => ({ currentTarget: { dataset: { field, value } }, detail: {} });

async function fillAndSubmit(page: PageComponent, sequence: number): Promise<void> {
  const apply = page.instance as unknown as ApplyInstance;
  apply.onPick(pick('cause', 'accident'));
  apply.onPick(pick('assistance', 'dibao'));
  await tap(findByText(page, '.t-button--t-button', '下一步'));
  apply.onPick(pick('relationship', 'parent'));
  apply.onInput(input('name', '王桂兰'));
  apply.onInput(input('idNumber', makeIdNumber({ birthDate: '1950-03-02', sequence })));
  apply.onInput(input('description', '母亲骑车摔伤住院，手术费用负担不起'));
  await tap(findByText(page, '.t-button--t-button', '下一步'));
  apply.onToggleConsent({ currentTarget: { dataset: { field: 'consentProcessing' } } });
  apply.onToggleConsent({ currentTarget: { dataset: { field: 'consentNotice' } } });
  await tap(findByText(page, '.t-button--t-button', '提交申请'));
  await waitFor(() => navigations().length > 0);
}

describe('one-time authorisations', () => {
  it('the apply page asks in the submit tap; an accept is counted for the applicant once the case exists', async () => {
    setDemoCaller('demo-applicant');
    const before = await grantsOf('demo-applicant', 'caseProgress');
    const page = await openPage('pages/apply/index', { societyId: 'soc-wangjia' });
    await waitFor(() => page.data.messageTemplateIds.length > 0);
    await fillAndSubmit(page, 71);
    expect(asked).toEqual([['local-caseProgress']]);
    await waitFor(() => page.data.state === 'ready');
    expect(await grantsOf('demo-applicant', 'caseProgress')).toBe(before + 1);
  });

  it('declining changes nothing else: the application goes in, and no authorisation is counted', async () => {
    setDemoCaller('demo-applicant');
    answer = 'reject';
    const before = await grantsOf('demo-applicant', 'caseProgress');
    const page = await openPage('pages/apply/index', { societyId: 'soc-wangjia' });
    await waitFor(() => page.data.messageTemplateIds.length > 0);
    await fillAndSubmit(page, 73);
    expect(navigations()[0]).toContain('caseId=');
    expect(asked).toHaveLength(1);
    expect(await grantsOf('demo-applicant', 'caseProgress')).toBe(before);
  });

  it('the workbench offers 接收办理提醒; each accepted tap allows one reminder', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage('packages/officer/pages/workbench/index', { societyId: 'soc-wangjia' });
    expect(page.data.messageTemplateIds).toEqual(['local-officerTodo']);
    expect(textOf(page)).toContain('期限前4个工作小时');
    await tap(findByText(page, '.t-button--t-button', '接收办理提醒'));
    await tap(findByText(page, '.t-button--t-button', '接收办理提醒'));
    await waitFor(() => asked.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await grantsOf('demo-secretary', 'officerTodo')).toBe(2);
  });
});

describe('sharing and staying reachable', () => {
  it('the society page shares a card that opens this society’s public page, and offers 在线客服', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage('pages/society/index', { societyId: 'soc-wangjia' });
    expect(page.data.state).toBe('ready');
    const card = (
      page.instance as unknown as { onShareAppMessage(): { title: string; path: string } }
    ).onShareAppMessage();
    expect(card).toEqual({
      title: '王家村救急难互助社：救助公示与互助资金',
      path: '/pages/society/index?societyId=soc-wangjia',
    });
    const contact = findByText(page, '.t-button--t-button', '在线客服');
    expect(contact).toBeTruthy();
    // simulate drops the native attribute: the template is what WeChat reads.
    const wxml = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'pages/society/index.wxml'), 'utf8');
    expect(wxml).toMatch(/<t-button[^>]*open-type="contact"[^>]*>\s*在线客服\s*<\/t-button>/);
  });

  it('an invitation is shared as a card opening the invite page with its code; from the menu, nothing of it', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage('packages/officer/pages/invite/index', { societyId: 'soc-wangjia' });
    const invite = page.instance as unknown as {
      onFormInput(event: unknown): void;
      onShareAppMessage(event: { from: string }): { title: string; path: string };
    };
    invite.onFormInput({ currentTarget: { dataset: { field: 'inviteeName' } }, detail: { value: '青石建材有限公司' } });
    await tap(findByText(page, '.t-button--t-button', '生成邀请码'));
    await waitFor(() => page.data.created !== null);
    const created = page.data.created as { code: string; roleLabel: string };
    expect(textOf(page)).toContain('发给对方（微信卡片）');
    const wxml = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'packages/officer/pages/invite/index.wxml'), 'utf8');
    expect(wxml).toMatch(/<t-button[^>]*open-type="share"[^>]*>发给对方（微信卡片）<\/t-button>/);
    const card = invite.onShareAppMessage({ from: 'button' });
    expect(card.path).toBe(`/pages/invite/index?code=${created.code}`);
    expect(card.title).toBe(`王家村救急难互助社邀请您成为${created.roleLabel}`);
    expect(invite.onShareAppMessage({ from: 'menu' })).toEqual({
      title: '村级救急难互助社',
      path: '/pages/home/index',
    });
  });

  it('a downloaded new version is applied after the person is told (forced update)', () => {
    let ready: (() => void) | null = null;
    const manager = {
      onUpdateReady: (callback: () => void) => {
        ready = callback;
      },
      onUpdateFailed: jest.fn(),
      applyUpdate: jest.fn(),
    };
    const showModal = jest.fn((options: { content: string; success?: () => void }) => options.success?.());
    const previous = wxStub.showModal;
    wxStub.showModal = showModal;
    try {
      watchForUpdates(manager);
      expect(manager.applyUpdate).not.toHaveBeenCalled();
      ready!();
      expect(showModal).toHaveBeenCalledWith(
        expect.objectContaining({ content: UPDATE_READY_CONTENT, showCancel: false }),
      );
      expect(manager.applyUpdate).toHaveBeenCalledTimes(1);
    } finally {
      wxStub.showModal = previous;
    }
  });
});

describe('authorisations asked after objecting, after pledging, and by the township', () => {
  it('the objection form asks in the send tap; the objector’s accept is counted once the objection is in', async () => {
    setDemoCaller('demo-member');
    const before = await grantsOf('demo-member', 'objectionResult');
    const page = await openPage('pages/objection/index', { noticeId: 'notice-demo-case-03' });
    expect(page.data.messageTemplateIds).toEqual(['local-objectionResult']);
    (page.instance as unknown as { onTextChange(e: { detail: { value: string } }): void }).onTextChange({
      detail: { value: '陈家的房子只烧了厨房，请再核查一下。' },
    });
    await tap(findByText(page, '.t-button--t-button', '提交异议'));
    await waitFor(() => page.data.done !== null);
    expect(asked).toEqual([['local-objectionResult']]);
    await waitFor(() => recordedCalls().some((call) => call.event.action === 'recordSubscriptions'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await grantsOf('demo-member', 'objectionResult')).toBe(before + 1);
  });

  it('someone the cloud does not know is not asked: the objection goes in all the same', async () => {
    setDemoCaller('o-stranger-messages');
    const page = await openPage('pages/objection/index', { noticeId: 'notice-demo-case-03' });
    expect(page.data.messageTemplateIds).toEqual([]);
    (page.instance as unknown as { onTextChange(e: { detail: { value: string } }): void }).onTextChange({
      detail: { value: '请再核查一下受灾情况。' },
    });
    await tap(findByText(page, '.t-button--t-button', '提交异议'));
    await waitFor(() => page.data.done !== null);
    expect(asked).toEqual([]);
  });

  it('the pledge form asks in the pledge tap; declining changes nothing else: the pledge is made', async () => {
    setDemoCaller('o-donor-messages');
    answer = 'reject';
    const page = await openPage('pages/invite/index', { code: DEMO_INVITATION_CODES.openDonor });
    expect(page.data.messageTemplateIds).toEqual(['local-donationProgress']);
    const invite = page.instance as unknown as { onFormInput(event: unknown): void };
    invite.onFormInput({ currentTarget: { dataset: { field: 'amount' } }, detail: { value: '500' } });
    await tap(findByText(page, '.t-button--t-button', '确认认捐'));
    await waitFor(() => page.data.pledged !== null);
    expect(asked).toEqual([['local-donationProgress']]);
    expect(recordedCalls().filter((call) => call.event.action === 'recordSubscriptions')).toEqual([]);
    expect(await grantsOf('o-donor-messages', 'donationProgress')).toBe(0);
  });

  it('R-OVS-4: the meetings page offers members 接收会议通知; an accepted tap allows one meeting notice', async () => {
    setDemoCaller('demo-member');
    const before = await grantsOf('demo-member', 'meetingNotice');
    const page = await openPage('pages/meetings/index', { societyId: 'soc-wangjia' });
    expect(page.data.state).toBe('ready');
    expect(page.data.messageTemplateIds).toEqual(['local-meetingNotice']);
    await tap(findByText(page, '.t-button--t-button', '接收会议通知'));
    await waitFor(() => asked.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await grantsOf('demo-member', 'meetingNotice')).toBe(before + 1);
  });

  it('the township page offers 接收超时提醒; an accepted tap allows one escalation', async () => {
    setDemoCaller('demo-township');
    const before = await grantsOf('demo-township', 'officerTodo');
    const page = await openPage('packages/oversight/pages/township/index', {});
    expect(page.data.state).toBe('ready');
    expect(page.data.messageTemplateIds).toEqual(['local-officerTodo']);
    expect(textOf(page)).toContain('辖区内有案件超过办理期限时可收到一条提醒');
    await tap(findByText(page, '.t-button--t-button', '接收超时提醒'));
    await waitFor(() => asked.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await grantsOf('demo-township', 'officerTodo')).toBe(before + 1);
  });
});

describe('联系互助社: the society’s public phone, set by its officers', () => {
  let dialled: string[] = [];
  const originalCall = wxStub.makePhoneCall;
  beforeEach(() => {
    dialled = [];
    wxStub.makePhoneCall = (options: { phoneNumber: string }) => {
      dialled.push(options.phoneNumber);
    };
  });
  afterEach(() => {
    wxStub.makePhoneCall = originalCall;
  });

  async function phoneAudits(): Promise<AuditEventDoc[]> {
    const events = await backend().ports.store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
      where: { scopeId: 'soc-wangjia' },
      limit: 1000,
    });
    return events.filter((event) => event.action === 'society.publicPhone');
  }

  it('no number set: neither the society page nor the applicant’s case shows a call button', async () => {
    setDemoCaller('demo-resident');
    const society = await openPage('pages/society/index', { societyId: 'soc-wangjia' });
    expect(textOf(society)).not.toContain('联系互助社');
    const caseView = await caller(backend()).ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
    setDemoCaller('demo-applicant');
    const casePage = await openPage('pages/case/index', { caseId: caseView.id });
    expect(casePage.data.state).toBe('ready');
    expect(textOf(casePage)).not.toContain('联系互助社');
  });

  it('a wrong number is refused on the page and writes nothing; the secretary sets one, audited', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage('packages/officer/pages/society-settings/index', { societyId: 'soc-wangjia' });
    expect(page.data.perms.canSetPhone).toBe(true);
    const settings = page.instance as unknown as { onPhoneInput(e: { detail: { value: string } }): void };
    settings.onPhoneInput({ detail: { value: '12345' } });
    await tap(findByText(page, '.t-button--t-button', '保存联系电话'));
    expect(page.data.phoneError).toBe(BAD_PUBLIC_PHONE_MESSAGE);
    expect(recordedCalls().filter((call) => call.event.action === 'setPublicPhone')).toEqual([]);
    // The cloud refuses it too, whatever a page sends.
    const refused = await backend().call(
      'societies',
      { action: 'setPublicPhone', societyId: 'soc-wangjia', publicPhone: '110' },
      'demo-secretary',
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await phoneAudits()).toEqual([]);

    settings.onPhoneInput({ detail: { value: '0571-88886666' } });
    await tap(findByText(page, '.t-button--t-button', '保存联系电话'));
    await waitFor(() => page.data.settings?.publicPhone === '0571-88886666');
    expect(textOf(page)).toContain('0571-88886666（互助社页面和申请人的案件页可一键拨打）');
    const audits = await phoneAudits();
    expect(audits.map((event) => [event.actor.role, event.details])).toEqual([
      ['secretary', { publicPhone: '0571-88886666', replaced: null }],
    ]);
    // The same number again writes nothing more.
    await tap(findByText(page, '.t-button--t-button', '保存联系电话'));
    await waitFor(() => !page.data.busy);
    expect(await phoneAudits()).toHaveLength(1);
  });

  it('with the number set, the society page and the applicant’s case call it with WeChat’s dialler', async () => {
    setDemoCaller('demo-resident');
    const society = await openPage('pages/society/index', { societyId: 'soc-wangjia' });
    await tap(findByText(society, '.t-button--t-button', '联系互助社 0571-88886666'));
    expect(dialled).toEqual(['0571-88886666']);
    const caseView = await caller(backend()).ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
    setDemoCaller('demo-applicant');
    const casePage = await openPage('pages/case/index', { caseId: caseView.id });
    await tap(findByText(casePage, '.t-button--t-button', '联系互助社 0571-88886666'));
    expect(dialled).toEqual(['0571-88886666', '0571-88886666']);
  });
});
