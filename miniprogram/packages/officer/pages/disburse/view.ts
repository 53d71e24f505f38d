/**
 * 发放 (R-PROC-4) and 先行救助 (R-PROC-5): how the relief was handed over, to whom, and the
 * recipient's confirmation; afterwards the photo of the signed receipt. The request id is made
 * once per form and kept across retries, so a retry after a timeout never pays twice (the cloud
 * also finds the case paid). Pure: tested without rendering.
 */
import { formatYuan, formatYuanShort, fenToYuanInput, yuanToFen } from '../../../../domain/money';
import {
  FORM_PAYOUT_METHODS,
  PAYOUT_METHOD_LABELS,
  RELIEF_CAP_FEN,
  RELIEF_TYPE_LABELS,
  type PayoutMethod,
} from '../../../../domain/relief';
import {
  REFERRAL_KINDS,
  REFERRAL_KIND_LABELS,
  type DisburseInput,
  type OfficerCaseView,
  type ReferralKind,
  type ReliefFirstInput,
} from '../../../../domain/case';
import { beijingText, caseHead, RECUSAL_MESSAGE, type CaseHead } from '../../case-step';

export const GOODS_MESSAGE = '请填写发放的实物名称和数量';
export const GOODS_VALUE_MESSAGE = '请填写实物价值（元，大于 0）';
export const REFERRAL_MESSAGE = '转介服务须填写转介内容、负责人和跟进日期（如 2026-12-05）';
export const RECEIPT_PHOTO_MESSAGE = '请上传领款人签字的收据照片，或选择其他确认方式';
export const URGENCY_MESSAGE = '请写明为什么必须先行救助';
export const TIER_MESSAGE = '请选择救助档次';
export const AMOUNT_MESSAGE = '请填写正确的救助金额（元，最多两位小数，大于 0）';
export const NOT_APPROVED_MESSAGE = '这个案件还没有批准，不能发放；紧急情况可从案件详情选择「先行救助」';
export const NOT_OFFICER_MESSAGE = '发放由本社秘书长或社长办理，您可以在案件详情查看';
export const RELIEF_FIRST_NOT_ALLOWED_MESSAGE = '只有已受理、尚未入户核查的案件可以先行救助';
export const RELIEF_FIRST_NOTE =
  '先行救助（R-PROC-5）：紧急情况下先发放。发放后 1 个工作日内，须补录入户核查记录，并由社长（或指定审批人）补办审批说明。';

/**
 * - disburse: pay an approved case;
 * - reliefFirst: pay an accepted case first (先行救助);
 * - receipt: paid, the signed receipt is still due — upload its photo;
 * - done: paid and confirmed, or nothing to do here (message says why).
 */
export type DisburseMode = 'disburse' | 'reliefFirst' | 'receipt' | 'done';

export function disburseModeOf(view: Pick<OfficerCaseView, 'actions'>, wanted: string): DisburseMode {
  if (wanted === 'reliefFirst' && view.actions.includes('reliefFirst')) return 'reliefFirst';
  if (view.actions.includes('disburse')) return 'disburse';
  if (view.actions.includes('confirmReceipt')) return 'receipt';
  return 'done';
}

/** photo: a signed receipt's photo now; tap: the applicant confirms in WeChat; later: photo after. */
export type ReceiptWay = 'photo' | 'tap' | 'later';

export interface DisburseForm {
  method: PayoutMethod;
  goodsDescription: string;
  /** The goods' value (disburse) or the amount (先行救助), in yuan. */
  amountYuan: string;
  recipientName: string;
  receiptWay: ReceiptWay;
  receiptFileId: string;
  referralKind: ReferralKind;
  referralDescription: string;
  referralOwner: string;
  /** YYYY-MM-DD */
  referralFollowUp: string;
  /** 先行救助 only. */
  tierId: string;
  urgency: string;
}

export function initialDisburseForm(view: OfficerCaseView, mode: DisburseMode, myName: string | null): DisburseForm {
  const decided = view.decision?.form ?? null;
  const method: PayoutMethod = decided ? FORM_PAYOUT_METHODS[decided][0]! : 'cash';
  return {
    method,
    goodsDescription: '',
    amountYuan: mode === 'disburse' && view.decision ? fenToYuanInput(view.decision.amountFen) : '',
    recipientName: view.person.name,
    receiptWay: 'photo',
    receiptFileId: '',
    referralKind: 'resourceLinking',
    referralDescription: '',
    referralOwner: myName ?? '',
    referralFollowUp: '',
    tierId: '',
    urgency: '',
  };
}

/** Payout methods the decision allows (先行救助: cash, transfer or goods). */
export function methodsFor(view: OfficerCaseView, mode: DisburseMode): PayoutMethod[] {
  if (mode === 'reliefFirst') return ['cash', 'transfer', 'goods'];
  const form = view.decision?.form;
  return form ? [...FORM_PAYOUT_METHODS[form]] : [];
}

function amountFenOf(amountYuan: string): number | null {
  try {
    return yuanToFen(amountYuan);
  } catch {
    return null;
  }
}

/** The amount that will leave the fund (0 for a referral), or null when not known yet. */
export function payoutFenOf(view: OfficerCaseView, form: DisburseForm, mode: DisburseMode): number | null {
  if (form.method === 'referral') return 0;
  if (mode === 'disburse' && form.method !== 'goods') return view.decision?.amountFen ?? null;
  return amountFenOf(form.amountYuan);
}

export function pickTier(form: DisburseForm, tierId: string, view: OfficerCaseView): DisburseForm {
  const type = view.eligibility.reliefType;
  const tier = type ? view.tiers[type].find((candidate) => candidate.id === tierId) : undefined;
  return tier ? { ...form, tierId, amountYuan: fenToYuanInput(tier.amountFen) } : form;
}

export function disburseProblems(view: OfficerCaseView, form: DisburseForm, mode: DisburseMode): string[] {
  const problems: string[] = [];
  if (mode === 'receipt') return form.receiptFileId ? [] : [RECEIPT_PHOTO_MESSAGE];
  if (form.method === 'goods') {
    if (!form.goodsDescription.trim()) problems.push(GOODS_MESSAGE);
    const fen = amountFenOf(form.amountYuan);
    if (mode === 'disburse' && (fen === null || fen <= 0)) problems.push(GOODS_VALUE_MESSAGE);
  }
  if (form.method === 'referral') {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(form.referralFollowUp.trim());
    if (!form.referralDescription.trim() || !form.referralOwner.trim() || !date) problems.push(REFERRAL_MESSAGE);
  }
  if (mode === 'reliefFirst') {
    if (!form.tierId) problems.push(TIER_MESSAGE);
    const fen = amountFenOf(form.amountYuan);
    if (fen === null || fen <= 0) problems.push(AMOUNT_MESSAGE);
    if (!form.urgency.trim()) problems.push(URGENCY_MESSAGE);
  }
  if (form.method !== 'referral' && form.receiptWay === 'photo' && !form.receiptFileId) {
    problems.push(RECEIPT_PHOTO_MESSAGE);
  }
  return problems;
}

function receiptFileIdOf(form: DisburseForm): string | null {
  return form.receiptWay === 'photo' && form.receiptFileId ? form.receiptFileId : null;
}

function recipientOf(view: OfficerCaseView, form: DisburseForm): string | null {
  const name = form.recipientName.trim();
  return name && name !== view.person.name ? name : null;
}

export function toDisburseInput(view: OfficerCaseView, form: DisburseForm, requestId: string): DisburseInput {
  const base = {
    requestId,
    caseId: view.id,
    method: form.method,
    recipientName: recipientOf(view, form),
  };
  if (form.method === 'referral') {
    return {
      ...base,
      amountFen: 0,
      referral: {
        kind: form.referralKind,
        description: form.referralDescription.trim(),
        ownerName: form.referralOwner.trim(),
        followUpDate: form.referralFollowUp.trim(),
      },
    };
  }
  return {
    ...base,
    amountFen: payoutFenOf(view, form, 'disburse') ?? 0,
    goodsDescription: form.method === 'goods' ? form.goodsDescription.trim() : null,
    receiptFileId: receiptFileIdOf(form),
  };
}

export function toReliefFirstInput(view: OfficerCaseView, form: DisburseForm, requestId: string): ReliefFirstInput {
  return {
    requestId,
    caseId: view.id,
    method: form.method === 'referral' ? 'cash' : form.method,
    amountFen: amountFenOf(form.amountYuan) ?? 0,
    tierId: form.tierId,
    goodsDescription: form.method === 'goods' ? form.goodsDescription.trim() : null,
    recipientName: recipientOf(view, form),
    receiptFileId: receiptFileIdOf(form),
    urgency: form.urgency.trim(),
  };
}

export interface Choice {
  value: string;
  label: string;
  on: boolean;
}

export interface DisburseScreen {
  head: CaseHead;
  mode: DisburseMode;
  title: string;
  /** Why nothing can be paid here ('' when something can be done). */
  doneMessage: string;
  note: string;
  /** 「批准：补充救助 300元（现金（含转账），二档）」 */
  approvedText: string;
  reliefTypeText: string;
  methodChoices: Choice[];
  /** Cash/transfer: the approved amount, fixed. */
  fixedAmountText: string;
  showGoods: boolean;
  showAmountInput: boolean;
  amountLabel: string;
  showReferral: boolean;
  referralChoices: Choice[];
  tierChoices: Array<Choice & { amountText: string }>;
  showReceipt: boolean;
  receiptChoices: Choice[];
  balanceText: string;
  /** 「发放后余额 ¥33,900.00」 or the shortfall; '' when unknown. */
  afterText: string;
  afterShort: boolean;
  submitText: string;
  /** The payout on file (receipt or done). */
  payout: Array<{ label: string; value: string }> | null;
  /** Shows how the receipt (or its absence) stands, when paid. */
  receiptText: string;
}

function receiptChoicesOf(view: OfficerCaseView, form: DisburseForm): Choice[] {
  const choices: Choice[] = [
    { value: 'photo', label: '现在上传领款人签字的收据照片', on: form.receiptWay === 'photo' },
  ];
  if (view.applicant?.userId) {
    choices.push({
      value: 'tap',
      label: `由申请人${view.applicant.name}在微信「我的申请」中点「确认收到」`,
      on: form.receiptWay === 'tap',
    });
  }
  choices.push({ value: 'later', label: '发放后再补传收据照片', on: form.receiptWay === 'later' });
  return choices;
}

function doneMessageOf(view: OfficerCaseView, mode: DisburseMode, wanted: string): string {
  if (mode !== 'done') return '';
  if (view.recused) return RECUSAL_MESSAGE;
  if (view.payout) return view.receipt ? '救助已发放，领款人已确认' : '救助已发放';
  if (wanted === 'reliefFirst') return RELIEF_FIRST_NOT_ALLOWED_MESSAGE;
  if (view.state === 'approved') return NOT_OFFICER_MESSAGE;
  return NOT_APPROVED_MESSAGE;
}

function payoutRows(view: OfficerCaseView): Array<{ label: string; value: string }> | null {
  const payout = view.payout;
  if (!payout) return null;
  const rows = [
    { label: '方式', value: payout.methodLabel + (payout.reliefFirst ? '（先行救助）' : '') },
    {
      label: '金额',
      value: payout.method === 'referral' ? '转介服务（不涉及资金）' : formatYuanShort(payout.amountFen),
    },
  ];
  if (payout.goodsDescription) rows.push({ label: '实物', value: payout.goodsDescription });
  rows.push(
    { label: '领取人', value: payout.recipientName },
    { label: '经办人', value: payout.paidByName },
    { label: '发放时间', value: beijingText(payout.paidAt) },
  );
  return rows;
}

export function toDisburseScreen(
  view: OfficerCaseView,
  form: DisburseForm,
  mode: DisburseMode,
  wanted: string,
  balanceFen: number | null,
): DisburseScreen {
  const type = mode === 'reliefFirst' ? view.eligibility.reliefType : (view.decision?.reliefType ?? null);
  const decision = view.decision;
  const paying = mode === 'disburse' || mode === 'reliefFirst';
  const payoutFen = paying ? payoutFenOf(view, form, mode) : null;
  const after = balanceFen !== null && payoutFen !== null && payoutFen > 0 ? balanceFen - payoutFen : null;
  const approvedText =
    mode === 'disburse' && decision
      ? `批准：${decision.reliefTypeLabel ?? ''} ${decision.form === 'referral' ? '' : formatYuanShort(decision.amountFen)}（${decision.formLabel ?? ''}${decision.tierLabel ? `，${decision.tierLabel}` : ''}），批准人 ${decision.byName}`
      : '';
  const receiptDue = view.payout && !view.receipt && view.payout.method !== 'referral';
  return {
    head: caseHead(
      view,
      mode === 'disburse' ? ['payout'] : mode === 'reliefFirst' ? ['visit', 'explanation'] : ['explanation', 'payout'],
    ),
    mode,
    title: mode === 'reliefFirst' ? '先行救助' : mode === 'disburse' ? '发放救助' : '发放记录',
    doneMessage: doneMessageOf(view, mode, wanted),
    note: mode === 'reliefFirst' ? RELIEF_FIRST_NOTE : '',
    approvedText,
    reliefTypeText: type ? `${RELIEF_TYPE_LABELS[type]}，每人次最多 ${formatYuanShort(RELIEF_CAP_FEN[type])}` : '',
    methodChoices: paying
      ? methodsFor(view, mode).map((value) => ({
          value,
          label: PAYOUT_METHOD_LABELS[value],
          on: form.method === value,
        }))
      : [],
    fixedAmountText:
      mode === 'disburse' && decision && (form.method === 'cash' || form.method === 'transfer')
        ? `发放金额：${formatYuanShort(decision.amountFen)}（与批准金额一致）`
        : '',
    showGoods: paying && form.method === 'goods',
    showAmountInput: (mode === 'disburse' && form.method === 'goods') || mode === 'reliefFirst',
    amountLabel:
      mode === 'reliefFirst'
        ? form.method === 'goods'
          ? '实物价值（元，不超过所选档次）'
          : '金额（元，不超过所选档次）'
        : `实物价值（元，不超过批准金额 ${decision ? formatYuanShort(decision.amountFen) : ''}）`,
    showReferral: paying && form.method === 'referral',
    referralChoices: REFERRAL_KINDS.map((value) => ({
      value,
      label: REFERRAL_KIND_LABELS[value],
      on: form.referralKind === value,
    })),
    tierChoices:
      mode === 'reliefFirst' && type
        ? view.tiers[type].map((tier) => ({
            value: tier.id,
            label: tier.label,
            amountText: formatYuanShort(tier.amountFen),
            on: form.tierId === tier.id,
          }))
        : [],
    showReceipt: paying && form.method !== 'referral',
    receiptChoices: receiptChoicesOf(view, form),
    balanceText: balanceFen === null ? '' : `互助资金余额：${formatYuan(balanceFen)}`,
    afterText:
      after === null ? '' : after < 0 ? `余额不足：还差 ${formatYuan(-after)}` : `发放后余额：${formatYuan(after)}`,
    afterShort: after !== null && after < 0,
    submitText: mode === 'reliefFirst' ? '确认先行发放' : mode === 'receipt' ? '保存收据照片' : '确认已发放',
    payout: payoutRows(view),
    receiptText: view.receipt
      ? view.receipt.method === 'photo'
        ? `领款确认：签字收据照片（${view.receipt.byName}，${beijingText(view.receipt.at)}）`
        : `领款确认：本人已在微信确认（${beijingText(view.receipt.at)}）`
      : receiptDue
        ? '领款确认：尚未确认，请上传领款人签字的收据照片，或请申请人在微信中确认'
        : '',
  };
}
