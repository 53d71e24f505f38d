/**
 * Who can get help, which relief, how much and in what form (R-ELIG-1..4, R-CAP-1..3), and the
 * materials an application needs (R-PROC-2). Shared by the pages (the eligibility helper a
 * villager sees before starting, the checklist, the tier picker) and the cloud, which applies the
 * same rules again whatever a page sends. Pure: no wx, no I/O.
 */
import { formatYuanShort, type Fen } from './money';

/** R-ELIG-3 supplementary (补充救助), R-ELIG-4 emergency (应急救助). */
export type ReliefType = 'supplementary' | 'emergency';
export const RELIEF_TYPES: readonly ReliefType[] = ['supplementary', 'emergency'];
export const RELIEF_TYPE_LABELS: Record<ReliefType, string> = {
  supplementary: '补充救助',
  emergency: '应急救助',
};

/** R-CAP-1, R-CAP-2: at most this much per person-time (每人次), whatever the society's tiers say. */
export const RELIEF_CAP_FEN: Record<ReliefType, Fen> = {
  supplementary: 500_00,
  emergency: 1_000_00,
};

/** R-ELIG-2: what happened. */
export type Cause = 'majorIllness' | 'accident' | 'other';
export const CAUSES: readonly Cause[] = ['majorIllness', 'accident', 'other'];
export const CAUSE_LABELS: Record<Cause, string> = {
  majorIllness: '重大疾病',
  accident: '意外事故',
  other: '其他特殊困难',
};
export const CAUSE_HINTS: Record<Cause, string> = {
  majorIllness: '如恶性肿瘤、白血病、尿毒症等重大疾病',
  accident: '如交通事故、溺水、矿难、火灾等突发意外',
  other: '其他导致基本生活陷入困境的特殊情况',
};

/** R-ELIG-3: government assistance the household receives now (none = an empty list). */
export type GovernmentAssistance = 'dibao' | 'tekun' | 'temporary';
export const GOVERNMENT_ASSISTANCE: readonly GovernmentAssistance[] = ['dibao', 'tekun', 'temporary'];
export const GOVERNMENT_ASSISTANCE_LABELS: Record<GovernmentAssistance, string> = {
  dibao: '最低生活保障（低保）',
  tekun: '特困人员救助供养（特困）',
  temporary: '临时救助',
};

/**
 * R-ELIG-4: the household categories emergency relief is for ('other': none of them; 'unsure':
 * the applicant does not know, and the officer verifies the category at the home visit).
 */
export type HouseholdCategory = 'nearDibao' | 'relapseMonitored' | 'expenditureHardship' | 'other' | 'unsure';
export const HOUSEHOLD_CATEGORIES: readonly HouseholdCategory[] = [
  'nearDibao',
  'relapseMonitored',
  'expenditureHardship',
  'other',
  'unsure',
];
export const HOUSEHOLD_CATEGORY_LABELS: Record<HouseholdCategory, string> = {
  nearDibao: '低保边缘家庭',
  relapseMonitored: '防止返贫监测对象',
  expenditureHardship: '支出型困难家庭',
  other: '以上都不是',
  unsure: '不清楚，由村里核实',
};
/** One plain line each, shown where the category is chosen. */
export const HOUSEHOLD_CATEGORY_HINTS: Record<HouseholdCategory, string> = {
  nearDibao: '家庭收入略高于低保标准、没有评上低保，但生活仍然困难',
  relapseMonitored: '已经脱贫，但因病、因灾等可能再次陷入贫困，被乡镇、村登记为监测对象',
  expenditureHardship: '收入不算太低，但看病、上学等大额必需开支让家里入不敷出',
  other: '家里不属于上面三种情况',
  unsure: '不知道属于哪一种也可以申请，秘书长入户时帮您核实',
};

/** R-ELIG-1: whose household registration (户籍) is in the society's village. */
export type HukouHolder = 'beneficiary' | 'coResidentFamily' | 'none';
export const HUKOU_HOLDER_LABELS: Record<HukouHolder, string> = {
  beneficiary: '救助对象本人是本村户籍',
  coResidentFamily: '共同生活的家庭成员是本村户籍',
  none: '都不是本村户籍',
};

/** The person in need, seen from the one applying. */
export type Relationship =
  'self' | 'spouse' | 'parent' | 'child' | 'sibling' | 'grandparent' | 'grandchild' | 'otherRelative';
export const RELATIONSHIPS: readonly Relationship[] = [
  'self',
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'otherRelative',
];
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  self: '本人',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '（外）祖父母',
  grandchild: '（外）孙子女',
  otherRelative: '其他共同生活的亲属',
};

export interface EligibilityInput {
  hukou: HukouHolder;
  cause: Cause;
  /** Empty when the household receives none. */
  assistance: readonly GovernmentAssistance[];
  category: HouseholdCategory;
  /** R-ELIG-2: basic living is at risk because of what happened. */
  livingAtRisk: boolean;
}

/**
 * - eligible: the rules say yes, with this relief type and cap;
 * - needsReview: may apply; whether relief is given is for the home visit to establish (a
 *   household outside the three R-ELIG-4 categories that receives no assistance);
 * - ineligible: the rules say no (no household registration in the village, or basic living not
 *   at risk); the cloud refuses such an application.
 */
export type EligibilityOutcome = 'eligible' | 'needsReview' | 'ineligible';

export interface EligibilityResult {
  outcome: EligibilityOutcome;
  reliefType: ReliefType | null;
  reliefTypeLabel: string | null;
  capFen: Fen | null;
  /** One Chinese sentence for the top of the helper. */
  summary: string;
  /** Why, one Chinese sentence per rule that decided it. */
  reasons: string[];
  /** The rules that decided it, for officers and tests. */
  ruleIds: string[];
}

function describeAssistance(assistance: readonly GovernmentAssistance[]): string {
  return assistance.map((item) => GOVERNMENT_ASSISTANCE_LABELS[item]).join('、');
}

/** R-ELIG-1..4 and R-CAP-1/2: which relief and which cap apply, and why, in words a villager reads. */
export function checkEligibility(input: EligibilityInput): EligibilityResult {
  const reasons: string[] = [];
  const ruleIds: string[] = [];
  const blockers: string[] = [];
  if (input.hukou === 'none') {
    blockers.push('救助对象本人或与其共同生活的家庭成员，须有本村户籍。');
    ruleIds.push('R-ELIG-1');
  }
  if (!input.livingAtRisk) {
    blockers.push('互助社帮助的是因重大疾病、意外事故等导致基本生活陷入困境的家庭。');
    ruleIds.push('R-ELIG-2');
  }
  if (blockers.length > 0) {
    return {
      outcome: 'ineligible',
      reliefType: null,
      reliefTypeLabel: null,
      capFen: null,
      summary: '按照互助社的规定，暂不符合申请条件',
      reasons: blockers,
      ruleIds,
    };
  }
  ruleIds.push('R-ELIG-1', 'R-ELIG-2');
  const causeText = `困难原因：${CAUSE_LABELS[input.cause]}。`;

  if (input.assistance.length > 0) {
    const cap = RELIEF_CAP_FEN.supplementary;
    reasons.push(
      `您家正在享受${describeAssistance(input.assistance)}，可以申请补充救助。`,
      `补充救助每人次最多 ${formatYuanShort(cap)}，具体金额按互助社的档次确定。`,
      causeText,
    );
    ruleIds.push('R-ELIG-3', 'R-CAP-1');
    return {
      outcome: 'eligible',
      reliefType: 'supplementary',
      reliefTypeLabel: RELIEF_TYPE_LABELS.supplementary,
      capFen: cap,
      summary: `可以申请补充救助，每人次最多 ${formatYuanShort(cap)}`,
      reasons,
      ruleIds,
    };
  }

  const cap = RELIEF_CAP_FEN.emergency;
  ruleIds.push('R-ELIG-4', 'R-CAP-2');
  // R-ELIG-4: a villager need not know their category; the home visit establishes it and, with it,
  // the relief type. Never a refusal.
  if (input.category === 'unsure') {
    reasons.push(
      '家庭类别由村里入户核实：属于低保边缘家庭、防止返贫监测对象或支出型困难家庭的，可以给予应急救助。',
      `可以提出申请；应急救助每人次最多 ${formatYuanShort(cap)}，入户核实后确定救助类型和金额。`,
      causeText,
    );
    return {
      outcome: 'needsReview',
      reliefType: 'emergency',
      reliefTypeLabel: RELIEF_TYPE_LABELS.emergency,
      capFen: cap,
      summary: '可以申请，入户核实后确定救助类型',
      reasons,
      ruleIds,
    };
  }
  if (input.category === 'other') {
    reasons.push(
      '您家没有享受低保、特困或临时救助，也不属于低保边缘家庭、防止返贫监测对象或支出型困难家庭。',
      `可以提出申请；是否给予应急救助，由互助社入户核实后决定，每人次最多 ${formatYuanShort(cap)}。`,
      causeText,
    );
    return {
      outcome: 'needsReview',
      reliefType: 'emergency',
      reliefTypeLabel: RELIEF_TYPE_LABELS.emergency,
      capFen: cap,
      summary: `可以申请，入户核实后决定是否给予应急救助（每人次最多 ${formatYuanShort(cap)}）`,
      reasons,
      ruleIds,
    };
  }
  reasons.push(
    `您家属于${HOUSEHOLD_CATEGORY_LABELS[input.category]}，没有享受政府救助，可以申请应急救助。`,
    `应急救助每人次最多 ${formatYuanShort(cap)}，具体金额按互助社的档次确定。`,
    causeText,
  );
  return {
    outcome: 'eligible',
    reliefType: 'emergency',
    reliefTypeLabel: RELIEF_TYPE_LABELS.emergency,
    capFen: cap,
    summary: `可以申请应急救助，每人次最多 ${formatYuanShort(cap)}`,
    reasons,
    ruleIds,
  };
}

// ---------------------------------------------------------------------------------------------
// Form of relief and society tiers (R-CAP-3)

/** R-CAP-3: cash first; in-kind and referral services as supplements. */
export type ReliefForm = 'cash' | 'inKind' | 'referral';
export const RELIEF_FORMS: readonly ReliefForm[] = ['cash', 'inKind', 'referral'];
export const RELIEF_FORM_LABELS: Record<ReliefForm, string> = {
  cash: '现金（含转账）',
  inKind: '实物',
  referral: '转介服务',
};

/** How a payout was actually made. */
export type PayoutMethod = 'cash' | 'transfer' | 'goods' | 'referral';
export const PAYOUT_METHODS: readonly PayoutMethod[] = ['cash', 'transfer', 'goods', 'referral'];
export const PAYOUT_METHOD_LABELS: Record<PayoutMethod, string> = {
  cash: '现金',
  transfer: '银行转账',
  goods: '实物',
  referral: '转介服务',
};
/** Which payout methods carry out a decided form. */
export const FORM_PAYOUT_METHODS: Record<ReliefForm, readonly PayoutMethod[]> = {
  cash: ['cash', 'transfer'],
  inKind: ['goods'],
  referral: ['referral'],
};
export function formOfMethod(method: PayoutMethod): ReliefForm {
  if (method === 'goods') return 'inKind';
  if (method === 'referral') return 'referral';
  return 'cash';
}

/** One step of a society's standard (分档), e.g. 二档 300 元. */
export interface ReliefTier {
  id: string;
  label: string;
  amountFen: Fen;
}
export type ReliefTiers = Record<ReliefType, ReliefTier[]>;

/** Used until a president sets the society's own (R-CAP-3). */
export const DEFAULT_RELIEF_TIERS: ReliefTiers = {
  supplementary: [
    { id: 's1', label: '一档（一般困难）', amountFen: 200_00 },
    { id: 's2', label: '二档（较重困难）', amountFen: 300_00 },
    { id: 's3', label: '三档（特别困难）', amountFen: 500_00 },
  ],
  emergency: [
    { id: 'e1', label: '一档（一般困难）', amountFen: 300_00 },
    { id: 'e2', label: '二档（较重困难）', amountFen: 600_00 },
    { id: 'e3', label: '三档（特别困难）', amountFen: 1_000_00 },
  ],
};

export const MAX_TIERS_PER_TYPE = 6;
const TIER_ID = /^[a-z0-9][a-z0-9-]{0,15}$/;

/** Problems with a set of tiers, in Chinese; empty when it can be saved (R-CAP-3 inside R-CAP-1/2). */
export function tierProblems(tiers: ReliefTiers): string[] {
  const problems: string[] = [];
  for (const type of RELIEF_TYPES) {
    const list = tiers[type];
    const label = RELIEF_TYPE_LABELS[type];
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_TIERS_PER_TYPE) {
      problems.push(`${label}须设 1 至 ${MAX_TIERS_PER_TYPE} 个档次`);
      continue;
    }
    const ids = new Set<string>();
    for (const tier of list) {
      if (!TIER_ID.test(tier.id) || ids.has(tier.id)) problems.push(`${label}的档次编号重复或不合规：${tier.id}`);
      ids.add(tier.id);
      if (!tier.label.trim() || tier.label.length > 20) problems.push(`${label}的档次名称须为 1 至 20 个字`);
      if (!Number.isSafeInteger(tier.amountFen) || tier.amountFen <= 0) {
        problems.push(`${label}「${tier.label}」的金额须大于 0`);
      } else if (tier.amountFen > RELIEF_CAP_FEN[type]) {
        problems.push(
          `${label}「${tier.label}」${formatYuanShort(tier.amountFen)}超过每人次 ${formatYuanShort(RELIEF_CAP_FEN[type])} 的上限`,
        );
      }
    }
  }
  return problems;
}

export interface ReliefAmountInput {
  reliefType: ReliefType;
  form: ReliefForm;
  amountFen: Fen;
  tierId: string | null;
  tiers: ReliefTiers;
}

export type ReliefAmountCheck =
  { ok: true; tier: ReliefTier | null } | { ok: false; code: 'OVER_CAP' | 'BAD_REQUEST'; message: string };

/**
 * R-CAP-1/2/3: a cash or in-kind amount is positive, at most the cap of its relief type and at
 * most the chosen tier's amount (a tier is the standard; less may be given, never more). A
 * referral moves no money: its amount is 0 and it has no tier.
 */
export function checkReliefAmount(input: ReliefAmountInput): ReliefAmountCheck {
  const { reliefType, form, amountFen, tierId, tiers } = input;
  if (form === 'referral') {
    if (amountFen !== 0 || tierId) {
      return { ok: false, code: 'BAD_REQUEST', message: '转介服务不涉及资金，金额应为 0' };
    }
    return { ok: true, tier: null };
  }
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    return { ok: false, code: 'BAD_REQUEST', message: '救助金额须大于 0' };
  }
  const cap = RELIEF_CAP_FEN[reliefType];
  if (amountFen > cap) {
    return {
      ok: false,
      code: 'OVER_CAP',
      message: `${RELIEF_TYPE_LABELS[reliefType]}每人次最多 ${formatYuanShort(cap)}，${formatYuanShort(amountFen)}超过上限`,
    };
  }
  const tier = tierId ? tiers[reliefType].find((candidate) => candidate.id === tierId) : undefined;
  if (!tier) {
    return { ok: false, code: 'BAD_REQUEST', message: `请选择互助社${RELIEF_TYPE_LABELS[reliefType]}的档次` };
  }
  if (amountFen > tier.amountFen) {
    return {
      ok: false,
      code: 'OVER_CAP',
      message: `「${tier.label}」的标准是 ${formatYuanShort(tier.amountFen)}，${formatYuanShort(amountFen)}超过了档次标准`,
    };
  }
  return { ok: true, tier };
}

// ---------------------------------------------------------------------------------------------
// Materials (R-PROC-2)

export type MaterialKind =
  | 'applicationForm'
  | 'householdBook'
  | 'idCard'
  | 'hardshipProof'
  | 'financialStatement'
  | 'assistanceProof'
  | 'categoryProof'
  | 'other';
export const MATERIAL_KINDS: readonly MaterialKind[] = [
  'applicationForm',
  'householdBook',
  'idCard',
  'hardshipProof',
  'financialStatement',
  'assistanceProof',
  'categoryProof',
  'other',
];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  applicationForm: '救急难互助社申请审核审批表',
  householdBook: '户口簿',
  idCard: '身份证',
  hardshipProof: '困难情况证明',
  financialStatement: '家庭收入和财产情况说明',
  assistanceProof: '政府救助证明',
  categoryProof: '家庭类别证明',
  other: '其他材料',
};

export interface MaterialItem {
  kind: MaterialKind;
  label: string;
  required: boolean;
  /** What exactly to bring or photograph, in Chinese. */
  note: string;
  /** The original is checked by an officer in person (the photo is a copy). */
  originalChecked: boolean;
}

export interface ChecklistInput {
  cause: Cause;
  assistance: readonly GovernmentAssistance[];
  category: HouseholdCategory;
  relationship: Relationship;
}

const HARDSHIP_NOTES: Record<Cause, string> = {
  majorIllness: '医院诊断证明，住院或门诊费用清单、票据',
  accident: '事故证明（交警、消防、派出所或村委会出具）或事故情况说明，损失照片',
  other: '困难情况的书面说明，有证明材料的一并提供',
};

/** R-PROC-2: the materials this case needs, in the order an officer checks them. */
export function materialsChecklist(input: ChecklistInput): MaterialItem[] {
  const item = (kind: MaterialKind, required: boolean, note: string, originalChecked = false): MaterialItem => ({
    kind,
    label: MATERIAL_KIND_LABELS[kind],
    required,
    note,
    originalChecked,
  });
  const items: MaterialItem[] = [
    item('applicationForm', true, '可由秘书长入户时协助填写，申请人签字或按手印'),
    item('householdBook', true, '户主页和相关成员页的照片，原件入户时核验', true),
    item(
      'idCard',
      true,
      input.relationship === 'self'
        ? '本人身份证正反面照片，原件入户时核验'
        : '救助对象和申请人的身份证正反面照片，原件入户时核验',
      true,
    ),
    item('hardshipProof', true, HARDSHIP_NOTES[input.cause]),
    item('financialStatement', true, '家庭成员收入、财产和支出情况的书面说明，申请人签字'),
  ];
  if (input.assistance.length > 0) {
    items.push(
      item(
        'assistanceProof',
        true,
        `${describeAssistance(input.assistance)}的证件或证明（如低保证、特困供养证）`,
        true,
      ),
    );
  } else if (input.category === 'expenditureHardship') {
    items.push(item('categoryProof', true, '大额刚性支出的票据（如医疗费用票据），村里可协助核实'));
  } else if (input.category !== 'other' && input.category !== 'unsure') {
    items.push(
      item('categoryProof', false, `${HOUSEHOLD_CATEGORY_LABELS[input.category]}的认定材料，没有的可由村里核实`),
    );
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Consent (PIPL): what the applicant agrees to, recorded with the version of the text shown

/**
 * Bumped whenever the text changes: a consent records the version it was given to.
 * 2026-12 (issue 12): adds how long the information is kept, whom to contact and how to exercise
 * one's rights (PIPL art. 17).
 */
export const CONSENT_TEXT_VERSION = 'consent-2026-12';
/** How long a case's personal information is kept after the case is closed (the county may set a longer archive rule). */
export const RETENTION_YEARS = 5;
/** How many working days the society has to answer a request to see, correct or delete (PIPL art. 50). */
export const RIGHTS_ANSWER_WORKING_DAYS = 15;
export const CONSENT_TEXT = [
  '为办理救急难互助救助，互助社需要收集和使用救助对象及申请人的姓名、身份证号码、电话、户籍、家庭困难情况；',
  '其中疾病等健康信息属于敏感个人信息。这些信息只用于本次救助的受理、核查、审批、发放和存档，',
  '只有本互助社的秘书长、社长、村监督委员会和申请人本人可以查看，不会提供给其他人。',
  '按照互助社章程，救助发放后将在本村公示 7 天，公示内容为：打码的姓名（如 张*华）、所在村、救助类型、困难原因类别、金额和日期，',
  '不公示身份证号码、电话、住址和病情。不同意公示姓名的，可以不勾选第二项：公示只列救助类别和金额，不影响申请和救助。',
  `案件办结后，这些信息随救助档案保存 ${RETENTION_YEARS} 年，期满删除；证件和材料照片只存放在不公开的存储中。`,
  '您可以向本互助社秘书长或村监督委员会提出查阅、复制、更正、补充或删除您的个人信息，也可以撤回同意（撤回前已办理的不受影响），',
  `互助社在 ${RIGHTS_ANSWER_WORKING_DAYS} 个工作日内答复；对答复有异议的，可以向乡镇人民政府或县民政局反映。`,
].join('');
export const CONSENT_ITEMS = {
  processing: '我同意互助社按上述说明处理救助对象和我的个人信息（含健康信息）',
  publicNotice: '我同意救助发放后按上述内容在本村公示',
} as const;
