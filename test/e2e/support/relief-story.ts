/**
 * The opening of a relief case as the browser stories walk it (the walk of relief-cases.test.ts),
 * as the demo callers of 王家村: 李秀英 (demo-applicant) applies for her father 李长福 on the apply
 * page, the secretary accepts on the case page, visits and proposes on the visit page, the
 * president approves on the decision page, the secretary pays on the disburse page; the secretary
 * registers a discovered case on the intake page. The same steps by call, where a story only needs
 * the case to be there. Each step waits until the page lands where it should and answers what the
 * next step needs; each story keeps its own assertions.
 *
 *   const phone = await openApplication(preview);
 *   await fillApplication(phone, { idNumber });
 *   const caseId = await submitApplication(phone);
 *   await acceptOnCasePage(preview, caseId);
 *   await proposeOnVisitPage(preview, caseId, { findings: '…', reason: '…', tier: '二档（较重困难） · 300元' });
 *   await approveOnDecisionPage(preview, caseId);
 *   await payOnDisbursePage(preview, caseId, 300);
 */
import { COLLECTIONS } from '../../../server/collections';
import type { FundDoc, LedgerEntryDoc } from '../../../server/ledger/ledger';
import { findAll } from '../../../server/ports/store';
import type { OfficerCaseView } from '../../../miniprogram/domain/case';
import { discovery, visit } from '../../cases/helpers';
import type { PhonePage, PreviewHarness } from './preview-harness';

export const WANGJIA = 'soc-wangjia';
export const OFFICER_CASE = 'packages/officer/pages/case/index';
export const QUEUE = 'packages/officer/pages/cases/index';
export const VISIT = 'packages/officer/pages/visit/index';
export const DECISION = 'packages/officer/pages/decision/index';
export const DISBURSE = 'packages/officer/pages/disburse/index';
export const INTAKE = 'packages/officer/pages/intake/index';

/** A cloud function called as `openid`: answers its data, or throws with the refusal. */
export async function ok<T = unknown>(
  preview: PreviewHarness,
  fn: string,
  event: Record<string, unknown>,
  openid: string | null,
): Promise<T> {
  const answer = await preview.call<T>(fn, event, openid);
  if (!answer.ok) {
    throw new Error(`${fn}.${String(event.action ?? event.TriggerName)} as ${openid}: ${answer.error.message}`);
  }
  return answer.data;
}

/** The case as 王家村's secretary sees it. */
export function officerCase(preview: PreviewHarness, caseId: string): Promise<OfficerCaseView> {
  return ok<OfficerCaseView>(preview, 'approvals', { action: 'getCase', caseId }, 'demo-secretary');
}

/** The society's fund balance, in fen, as stored. */
export async function balanceOf(preview: PreviewHarness, societyId = WANGJIA): Promise<number> {
  return (await preview.stack.ports.store.get<FundDoc>(COLLECTIONS.funds, societyId))!.balanceFen;
}

/** The ledger entries a case wrote (its payout, a recovery). */
export function ledgerOf(preview: PreviewHarness, caseId: string): Promise<LedgerEntryDoc[]> {
  return findAll<LedgerEntryDoc>(preview.stack.ports.store, COLLECTIONS.ledgerEntries, {
    where: { sourceRef: `case:${caseId}` },
  });
}

/** The query of the page on top, e.g. caseId of `pages/case/index?caseId=…`. */
export async function queryOf(phone: PhonePage, key: string): Promise<string> {
  const url = await phone.url();
  return new URLSearchParams(url.split('?')[1] ?? '').get(key) ?? '';
}

/** Waits for the page's own navigation (some steps redirect after a short toast), then checks it. */
export async function arrivesAt(phone: PhonePage, url: string | RegExp): Promise<void> {
  const there = (current: string) => (typeof url === 'string' ? current === url : url.test(current));
  const deadline = Date.now() + 15_000;
  while (!there(await phone.url()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await phone.settled();
  if (typeof url === 'string') expect(await phone.url()).toBe(url);
  else expect(await phone.url()).toMatch(url);
}

/** 李秀英 opens the apply page of 王家村; answers the phone on screen 1. */
export async function openApplication(preview: PreviewHarness): Promise<PhonePage> {
  const phone = await preview.open('pages/apply/index', { caller: 'demo-applicant', query: { societyId: WANGJIA } });
  await phone.waitForText('第 1 步：困难情况');
  return phone;
}

/**
 * Screens 1 and 2: an accident in a 低保 household (supplementary relief, R-ELIG-3), for her
 * father 李长福 with the ID number given; leaves the phone on screen 3 (materials and consent).
 */
export async function fillApplication(phone: PhonePage, { idNumber }: { idNumber: string }): Promise<void> {
  await phone.tap('意外事故');
  await phone.tap('最低生活保障（低保）');
  await phone.waitForText('可以申请补充救助，每人次最多 500元');
  await phone.tap('下一步');
  await phone.waitForText('第 2 步：救助对象');
  await phone.tap('父母');
  await phone.fill('请输入姓名', '李长福');
  await phone.fill('18 位身份证号码', idNumber);
  await phone.fill('请简单说明病情或事故经过、家里的困难', '父亲骑车摔伤腿骨骨折，住院手术费用负担不起');
  await phone.tap('下一步');
  await phone.waitForText('第 3 步：材料和同意');
}

export interface Picture {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Screen 3: a material photo, chosen in the browser's file chooser and uploaded. */
export async function attachPhoto(phone: PhonePage, photo: Picture): Promise<void> {
  await phone.tapAndChoose('拍照或选照片', [photo]);
  await phone.waitForText('已上传 1 张');
}

/** Screen 3: both consents, then 提交申请; waits for her case page and answers the case id. */
export async function submitApplication(phone: PhonePage): Promise<string> {
  await phone.tap('我同意互助社按上述说明处理', { exact: false });
  await phone.tap('我同意救助发放后按上述内容在本村公示', { exact: false });
  await phone.tap('提交申请');
  await arrivesAt(phone, /^pages\/case\/index\?caseId=/);
  return queryOf(phone, 'caseId');
}

/** The secretary accepts on the officer's case page; answers the phone once the visit deadline shows. */
export async function acceptOnCasePage(preview: PreviewHarness, caseId: string): Promise<PhonePage> {
  const phone = await preview.open(OFFICER_CASE, { caller: 'demo-secretary', query: { caseId } });
  await phone.tap('受理');
  await phone.waitForText('入户核查和审核意见：截止');
  return phone;
}

export interface DiscoveredPerson {
  name: string;
  idNumber: string;
  description: string;
  /** How the secretary came to know, e.g. 入户走访; left unchosen when not given. */
  discoveredHow?: string;
  /** Whether the person also agreed to the notice after the payout. */
  noticeConsent?: boolean;
}

/**
 * On the intake page (already open): an expenditure-hardship household with verbal consent,
 * registered (主动发现, R-PROC-2); waits for the new case page and answers the case id.
 */
export async function registerDiscovery(phone: PhonePage, person: DiscoveredPerson): Promise<string> {
  await phone.fill('请输入姓名', person.name);
  await phone.fill('18 位身份证号码', person.idNumber);
  await phone.fill('病情或事故经过、家里的困难', person.description);
  await phone.tap('支出型困难家庭');
  if (person.discoveredHow) await phone.tap(person.discoveredHow);
  await phone.tap('口头同意（已当面宣读告知书）');
  await phone.tap('我同意互助社按上述说明处理', { exact: false });
  if (person.noticeConsent) await phone.tap('我同意救助发放后按上述内容在本村公示', { exact: false });
  await phone.tap('登记并立案');
  await arrivesAt(phone, /^packages\/officer\/pages\/case\/index\?caseId=/);
  return queryOf(phone, 'caseId');
}

export interface VisitForm {
  /** The second visitor beside the secretary; 王建军 unless given. */
  secondVisitor?: string;
  findings: string;
  reason: string;
}

/** The secretary opens the visit page and fills what every submission needs; no tier chosen yet. */
export async function openVisitForm(preview: PreviewHarness, caseId: string, form: VisitForm): Promise<PhonePage> {
  const phone = await preview.open(VISIT, { caller: 'demo-secretary', query: { caseId } });
  await phone.waitForText('一、入户核查');
  await phone.fill('第 2 位核查人姓名', form.secondVisitor ?? '王建军');
  await phone.fill('家庭成员、居住和收入情况，困难是否属实', form.findings);
  await phone.fill('如：情况属实，建议按二档给予补充救助', form.reason);
  return phone;
}

/**
 * The visit recorded and proposed at the tier given, e.g. 「二档（较重困难） · 300元」 (R-PROC-3);
 * waits until the page is back on the officer's case page.
 */
export async function proposeOnVisitPage(
  preview: PreviewHarness,
  caseId: string,
  form: VisitForm & { tier: string },
): Promise<PhonePage> {
  const phone = await openVisitForm(preview, caseId, form);
  await phone.tap(form.tier);
  await phone.tap('保存核查记录并报社长审批');
  await arrivesAt(phone, `${OFFICER_CASE}?caseId=${caseId}`);
  return phone;
}

/** The president approves on the decision page once it shows who visited; back on the case page. */
export async function approveOnDecisionPage(
  preview: PreviewHarness,
  caseId: string,
  visitors = '刘芳、王建军',
): Promise<PhonePage> {
  const phone = await preview.open(DECISION, { caller: 'demo-president', query: { caseId } });
  await phone.waitForText(visitors);
  await phone.tap('批准');
  await arrivesAt(phone, `${OFFICER_CASE}?caseId=${caseId}`);
  return phone;
}

/** The secretary pays the approved amount in cash, the receipt photo to follow; back on the case page. */
export async function payOnDisbursePage(preview: PreviewHarness, caseId: string, yuan: number): Promise<PhonePage> {
  const phone = await preview.open(DISBURSE, { caller: 'demo-secretary', query: { caseId } });
  await phone.waitForText(`发放金额：${yuan}元（与批准金额一致）`);
  await phone.tap('发放后再补传收据照片');
  await phone.tap('确认已发放');
  await arrivesAt(phone, `${OFFICER_CASE}?caseId=${caseId}`);
  return phone;
}

/** By call: the secretary opens a discovered case (test/cases/helpers' discovery payload). */
export function discoveredCase(
  preview: PreviewHarness,
  overrides: Record<string, unknown> = {},
): Promise<OfficerCaseView> {
  return ok<OfficerCaseView>(
    preview,
    'approvals',
    { action: 'openDiscovery', ...discovery(overrides) },
    'demo-secretary',
  );
}

/** A type, not an interface, so it passes as the plain record the payload helpers take. */
export type Opinion = {
  recommend: 'grant';
  form: 'cash';
  amountFen: number;
  tierId: string;
  reason: string;
};

/**
 * By call: the secretary records the visit with this opinion (test/cases/helpers' visit payload,
 * `extra` replacing its fields) and proposes it to the president.
 */
export async function visitAndPropose(
  preview: PreviewHarness,
  caseId: string,
  opinion: Opinion,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await ok(preview, 'approvals', { action: 'recordVisit', ...visit(caseId, opinion, extra) }, 'demo-secretary');
  await ok(preview, 'approvals', { action: 'propose', caseId, ...opinion }, 'demo-secretary');
}
