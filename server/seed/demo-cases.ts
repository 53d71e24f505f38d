/**
 * The relief cases of the demo county (../shared/notes/demo-county.md), written through the case
 * model's own transitions (the same table, events and audit as production):
 * - demo-case-01, -02: supplementary relief 300 and 500 yuan, paid and closed;
 * - demo-case-03: emergency relief 1,000 yuan after a house fire, paid, its public notice live,
 *   a referral to 临时救助 being followed up;
 * - demo-case-04: 李秀英 applied for her husband 张国强 (uraemia, dialysis; a 低保 household, so
 *   supplementary relief), accepted on the demo Monday morning and waiting for its home visit.
 * The payouts of 01–03 are the ledger seed's entries seed-wj-08..10 (sourceRef case:demo-case-0X):
 * the cases point at them and pay nothing again. ID numbers are made with the no-one region 999999;
 * receipt photos are placeholders (the seed writes no files).
 */
import { COLLECTIONS } from '../collections';
import type { Store } from '../ports/store';
import type { Actor } from '../access/caller';
import { loadWorkCalendar } from '../calendar/usecases';
import { completeDeadline, dueText, startDeadline } from '../domain/case-deadlines';
import type { WorkCalendar } from '../domain/workdays';
import { personKeyOf, seal } from '../cases/pii';
import { describePlan } from '../cases/review';
import {
  commitStep,
  createCase,
  eventActor,
  type CaseDoc,
  type PayoutRecord,
  type ReliefPlan,
  type StepChange,
} from '../cases/model';
import {
  CONSENT_TEXT_VERSION,
  DEFAULT_RELIEF_TIERS,
  type Cause,
  type GovernmentAssistance,
  type HouseholdCategory,
  type ReliefType,
} from '../../miniprogram/domain/relief';
import type { CaseStep, PayoutNoticeFacts } from '../../miniprogram/domain/case';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { maskIdNumber, maskName } from '../../miniprogram/domain/masking';
import { formatYuanShort } from '../../miniprogram/domain/money';

const SOCIETY = 'soc-wangjia';
const VILLAGE = 'area-wangjia';
const COUNTY = 'area-qingxi';

const secretary: Actor = { userId: 'u-liufang', openid: 'demo-secretary', name: '刘芳', role: 'secretary' };
const president: Actor = { userId: 'u-wangjianguo', openid: 'demo-president', name: '王建国', role: 'president' };
const applicant: Actor = { userId: 'u-lixiuying', openid: 'demo-applicant', name: '李秀英', role: 'applicant' };

/** Households of the demo users (recusal): the president's, and 李秀英 and 张国强's. */
export const DEMO_HOUSEHOLDS: Record<string, string> = {
  'u-wangjianguo': 'hh-wangjia-wang-jianguo',
  'u-lixiuying': 'hh-wangjia-zhang-guoqiang',
};

interface PaidCaseSpec {
  id: string;
  caseNo: string;
  name: string;
  birthDate: string;
  sequence: number;
  cause: Cause;
  description: string;
  assistance: GovernmentAssistance[];
  category: HouseholdCategory;
  discoveredHow: string;
  reliefType: ReliefType;
  tierId: string;
  amountFen: number;
  ledgerEntryId: string;
  findings: string;
  times: { opened: string; visited: string; proposed: string; approved: string; paid: string; closed?: string };
}

const PAID_CASES: PaidCaseSpec[] = [
  {
    id: 'demo-case-01',
    caseNo: '2026-001',
    name: '王桂兰',
    birthDate: '1948-03-12',
    sequence: 22,
    cause: 'majorIllness',
    description: '胃癌术后化疗，自付费用较大，独居，低保户',
    assistance: ['dibao'],
    category: 'other',
    discoveredHow: '低保对象定期走访中发现',
    reliefType: 'supplementary',
    tierId: 's2',
    amountFen: 300_00,
    ledgerEntryId: 'seed-wj-08',
    findings: '独居，化疗期间无收入来源，低保金不足以支付自付部分药费；户口簿、身份证、低保证原件已核验',
    times: {
      opened: '2026-05-13T09:00:00+08:00',
      visited: '2026-05-13T14:30:00+08:00',
      proposed: '2026-05-13T15:00:00+08:00',
      approved: '2026-05-13T17:00:00+08:00',
      paid: '2026-05-14T11:00:00+08:00',
      closed: '2026-05-20T10:00:00+08:00',
    },
  },
  {
    id: 'demo-case-02',
    caseNo: '2026-002',
    name: '刘长河',
    birthDate: '1952-07-01',
    sequence: 31,
    cause: 'majorIllness',
    description: '突发脑出血住院手术，特困供养人员，住院期间生活无人照料',
    assistance: ['tekun'],
    category: 'other',
    discoveredHow: '村民反映',
    reliefType: 'supplementary',
    tierId: 's3',
    amountFen: 500_00,
    ledgerEntryId: 'seed-wj-09',
    findings: '住院手术后需护理，特困供养金之外的护理和营养支出无着落；户口簿、身份证、特困供养证原件已核验',
    times: {
      opened: '2026-08-05T09:00:00+08:00',
      visited: '2026-08-05T14:00:00+08:00',
      proposed: '2026-08-05T14:30:00+08:00',
      approved: '2026-08-05T16:00:00+08:00',
      paid: '2026-08-06T10:20:00+08:00',
      closed: '2026-08-12T09:30:00+08:00',
    },
  },
  {
    id: 'demo-case-03',
    caseNo: '2026-003',
    name: '陈大山',
    birthDate: '1975-11-20',
    sequence: 17,
    cause: 'accident',
    description: '11月22日夜间房屋失火，厨房和卧室烧毁，衣物口粮受损，低保边缘家庭',
    assistance: [],
    category: 'nearDibao',
    discoveredHow: '村民反映房屋失火',
    reliefType: 'emergency',
    tierId: 'e3',
    amountFen: 1_000_00,
    ledgerEntryId: 'seed-wj-10',
    findings: '两间房屋过火，一家四口暂住亲戚家，急需被褥、衣物和口粮；派出所火灾情况证明、户口簿、身份证原件已核验',
    times: {
      opened: '2026-11-23T08:30:00+08:00',
      visited: '2026-11-23T10:30:00+08:00',
      proposed: '2026-11-23T11:00:00+08:00',
      approved: '2026-11-23T16:00:00+08:00',
      paid: '2026-11-24T14:00:00+08:00',
    },
  },
];

function emptyParts(at: string) {
  return {
    materials: [],
    deadlines: {},
    intakeRepeat: { caseIds: [], seenCaseIds: [] },
    visit: null,
    proposal: null,
    decision: null,
    payout: null,
    reliefFirst: null,
    receipt: null,
    referrals: [],
    endReason: null,
    acceptedAt: null,
    decidedAt: null,
    paidAt: null,
    closedAt: null,
    createdAt: at,
    updatedAt: at,
  };
}

async function step(
  store: Store,
  caseId: string,
  name: CaseStep,
  actor: Actor,
  at: string,
  change: (current: CaseDoc) => StepChange,
): Promise<void> {
  await store.transaction(async (tx) => {
    const current = (await tx.get<CaseDoc>(COLLECTIONS.cases, caseId))!;
    await commitStep(tx, current, name, actor, new Date(at), change(current));
  });
}

function plan(spec: PaidCaseSpec, by: Actor, at: string, reason: string): ReliefPlan {
  const tier = DEFAULT_RELIEF_TIERS[spec.reliefType].find((candidate) => candidate.id === spec.tierId)!;
  return {
    recommend: 'grant',
    reliefType: spec.reliefType,
    form: 'cash',
    amountFen: spec.amountFen,
    tierId: tier.id,
    tierLabel: tier.label,
    reason,
    by: eventActor(by),
    at: new Date(at).toISOString(),
  };
}

async function seedPaidCase(store: Store, calendar: WorkCalendar, spec: PaidCaseSpec): Promise<void> {
  const t = spec.times;
  const opened = new Date(t.opened);
  const idNumber = makeIdNumber({ birthDate: spec.birthDate, sequence: spec.sequence });
  const deadlines = startDeadline({}, calendar, 'visit', opened);
  await store.transaction((tx) =>
    createCase(
      tx,
      {
        _id: spec.id,
        societyId: SOCIETY,
        villageId: VILLAGE,
        caseNo: spec.caseNo,
        origin: 'discovery',
        requestId: `seed-${spec.id}`,
        applicantUserId: null,
        applicant: null,
        householdId: `case:${spec.id}`,
        personKey: personKeyOf(idNumber),
        person: {
          name: seal(spec.name),
          maskedName: maskName(spec.name),
          idNumber: seal(idNumber),
          maskedIdNumber: maskIdNumber(idNumber),
          phone: null,
          relationship: 'self',
          hukou: 'beneficiary',
        },
        situation: {
          cause: spec.cause,
          description: seal(spec.description),
          assistance: spec.assistance,
          category: spec.category,
          livingAtRisk: true,
        },
        consent: {
          processing: true,
          publicNotice: true,
          textVersion: CONSENT_TEXT_VERSION,
          method: 'signed',
          recordedBy: eventActor(secretary),
          at: opened.toISOString(),
        },
        discovery: { how: spec.discoveredHow, by: eventActor(secretary) },
        ...emptyParts(opened.toISOString()),
        deadlines,
        acceptedAt: opened.toISOString(),
      },
      'discover',
      secretary,
      opened,
      {
        summary: `主动发现并立案（${spec.discoveredHow}），入户核查截止 ${dueText(calendar, deadlines.visit!)}`,
        details: { origin: 'discovery', cause: spec.cause, visitDueAt: deadlines.visit!.dueAt, repeat: [] },
        audit: { origin: 'discovery', seed: true },
      },
    ),
  );
  const opinion = plan(spec, secretary, t.visited, '情况属实，建议按档次给予救助');
  await step(store, spec.id, 'recordVisit', secretary, t.visited, (current) => ({
    patch: {
      visit: {
        visitedAt: new Date(t.visited).toISOString(),
        visitors: [
          { name: '刘芳', userId: 'u-liufang' },
          { name: '王建军', userId: null },
        ],
        findings: seal(spec.findings),
        photoFileIds: [],
        originalsChecked: ['householdBook', 'idCard', spec.assistance.length ? 'assistanceProof' : 'hardshipProof'],
        verified: { hukou: 'beneficiary', assistance: spec.assistance, category: spec.category, livingAtRisk: true },
        opinion,
        recordedBy: eventActor(secretary),
        recordedAt: new Date(t.visited).toISOString(),
      },
      deadlines: completeDeadline(current.deadlines, 'visit', new Date(t.visited)),
    },
    summary: `刘芳、王建军入户核查；审核意见：${describePlan(opinion)}`,
    details: { visitors: 2, recommend: 'grant', reliefType: spec.reliefType, form: 'cash', amountFen: spec.amountFen },
  }));
  const proposal = plan(spec, secretary, t.proposed, '经入户核查，情况属实，建议批准');
  await step(store, spec.id, 'propose', secretary, t.proposed, () => ({
    patch: { proposal },
    summary: `提出审批意见：${describePlan(proposal)}`,
    details: { recommend: 'grant', reliefType: spec.reliefType, form: 'cash', amountFen: spec.amountFen },
  }));
  const decision = plan(spec, president, t.approved, '同意');
  const payoutDeadline = startDeadline({}, calendar, 'payout', new Date(t.approved)).payout!;
  await step(store, spec.id, 'approve', president, t.approved, (current) => ({
    patch: {
      decision: { ...decision, outcome: 'approved', repeat: { caseIds: [], seenCaseIds: [] } },
      decidedAt: decision.at,
      deadlines: { ...current.deadlines, payout: payoutDeadline },
    },
    summary: `批准：${describePlan(decision)}，发放截止 ${dueText(calendar, payoutDeadline)}`,
    details: {
      reliefType: spec.reliefType,
      form: 'cash',
      amountFen: spec.amountFen,
      payoutDueAt: payoutDeadline.dueAt,
    },
  }));
  const paidAt = new Date(t.paid).toISOString();
  await step(store, spec.id, 'disburse', secretary, t.paid, (current) => {
    const payout: PayoutRecord = {
      requestId: `seed-${spec.id}-payout`,
      method: 'cash',
      amountFen: spec.amountFen,
      goodsDescription: null,
      recipientName: seal(spec.name),
      reliefType: spec.reliefType,
      paidAt,
      paidBy: eventActor(secretary),
      reliefFirst: false,
      ledgerEntryId: spec.ledgerEntryId,
    };
    const notice: PayoutNoticeFacts = {
      caseId: spec.id,
      societyId: SOCIETY,
      villageId: VILLAGE,
      maskedName: current.person.maskedName,
      reliefType: spec.reliefType,
      cause: spec.cause,
      method: 'cash',
      amountFen: spec.amountFen,
      paidAt,
      reliefFirst: false,
      noticeConsented: true,
      ledgerEntryId: spec.ledgerEntryId,
    };
    return {
      patch: {
        payout,
        paidAt,
        awaitingNotice: true,
        deadlines: completeDeadline(current.deadlines, 'payout', new Date(t.paid)),
        receipt: {
          method: 'photo',
          fileId: `local:seed/receipts/${spec.id}.png`,
          by: eventActor(secretary),
          at: paidAt,
        },
      },
      summary: `以现金发放${spec.reliefType === 'emergency' ? '应急救助' : '补充救助'} ${formatYuanShort(spec.amountFen)}`,
      details: { notice, receipt: true },
      audit: { amountFen: spec.amountFen, method: 'cash', ledgerEntryId: spec.ledgerEntryId, seed: true },
    };
  });
  if (spec.id === 'demo-case-03') {
    const at = '2026-11-25T10:00:00+08:00';
    await step(store, spec.id, 'addReferral', secretary, at, (current) => ({
      patch: {
        referrals: [
          ...current.referrals,
          {
            id: 'ref-demo-case-03',
            requestId: 'seed-demo-case-03-referral',
            kind: 'governmentProgramme',
            description: '帮助申请镇临时救助和危房改造',
            ownerName: '刘芳',
            ownerUserId: 'u-liufang',
            followUpDate: '2026-12-04',
            status: 'open',
            notes: [],
            createdBy: eventActor(secretary),
            createdAt: new Date(at).toISOString(),
          },
        ],
      },
      summary: '转介帮扶：帮办政府救助，负责人 刘芳，2026-12-04 跟进',
      details: { referralId: 'ref-demo-case-03', kind: 'governmentProgramme', followUpDate: '2026-12-04' },
    }));
  }
  if (t.closed) {
    await step(store, spec.id, 'close', secretary, t.closed, () => ({
      patch: { closedAt: new Date(t.closed!).toISOString() },
      summary: '结案：救助已发放，领款人已签收',
    }));
  }
}

/** 李秀英's application for 张国强: submitted on Sunday evening, accepted Monday 09:30, visit due Tuesday 09:30. */
async function seedWaitingCase(store: Store, calendar: WorkCalendar): Promise<void> {
  const id = 'demo-case-04';
  const submitted = new Date('2026-11-29T20:15:00+08:00');
  const accepted = new Date('2026-11-30T09:30:00+08:00');
  const idNumber = makeIdNumber({ birthDate: '1968-05-18', sequence: 35 });
  await store.transaction((tx) =>
    createCase(
      tx,
      {
        _id: id,
        societyId: SOCIETY,
        villageId: VILLAGE,
        caseNo: '2026-004',
        origin: 'application',
        requestId: 'seed-demo-case-04',
        applicantUserId: applicant.userId,
        applicant: { userId: applicant.userId, name: seal('李秀英'), phone: null },
        householdId: DEMO_HOUSEHOLDS['u-lixiuying']!,
        personKey: personKeyOf(idNumber),
        person: {
          name: seal('张国强'),
          maskedName: maskName('张国强'),
          idNumber: seal(idNumber),
          maskedIdNumber: maskIdNumber(idNumber),
          phone: null,
          relationship: 'spouse',
          hukou: 'beneficiary',
        },
        situation: {
          cause: 'majorIllness',
          description: seal('丈夫张国强患尿毒症，每周三次血液透析，家里靠低保和打零工维持，透析自付费用负担不起'),
          assistance: ['dibao'],
          category: 'other',
          livingAtRisk: true,
        },
        consent: {
          processing: true,
          publicNotice: true,
          textVersion: CONSENT_TEXT_VERSION,
          method: 'app',
          recordedBy: eventActor(applicant),
          at: submitted.toISOString(),
        },
        discovery: null,
        ...emptyParts(submitted.toISOString()),
        intakeRepeat: null,
      },
      'submit',
      applicant,
      submitted,
      {
        summary: '提交救助申请（重大疾病，为配偶申请）',
        details: { origin: 'application', cause: 'majorIllness', materials: 0 },
        audit: { origin: 'application', seed: true },
      },
    ),
  );
  const deadlines = startDeadline({}, calendar, 'visit', accepted);
  await step(store, id, 'accept', secretary, accepted.toISOString(), () => ({
    patch: {
      acceptedAt: accepted.toISOString(),
      deadlines,
      intakeRepeat: { caseIds: [], seenCaseIds: [] },
    },
    summary: `受理申请，入户核查截止 ${dueText(calendar, deadlines.visit!)}`,
    details: { visitDueAt: deadlines.visit!.dueAt, repeat: [], repeatSeen: [] },
  }));
}

export async function seedDemoCases(store: Store): Promise<void> {
  const calendar = await loadWorkCalendar(store, COUNTY);
  for (const spec of PAID_CASES) await seedPaidCase(store, calendar, spec);
  await seedWaitingCase(store, calendar);
  // The society's case numbers go on after the seeded ones (2026-001 … 2026-004).
  await store.transaction((tx) => tx.update(COLLECTIONS.societies, SOCIETY, { caseCounter: { year: 2026, seq: 4 } }));
}
