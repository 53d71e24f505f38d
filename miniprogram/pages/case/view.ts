/** Shapes the caller's own case for its progress page. Pure: tested without rendering. */
import { formatYuan } from '../../domain/money';
import { formatBeijingTime, type MyCaseView } from '../../domain/case';
import { MATERIAL_KIND_LABELS, type MaterialKind } from '../../domain/relief';

export interface TimelineRow {
  key: string;
  label: string;
  timeText: string;
  who: string;
  summary: string;
}

export interface CaseScreen {
  caseNo: string;
  title: string;
  stateLabel: string;
  amountText: string;
  deadlineText: string;
  /** Why the deadline is 暂定; '' when it is not. */
  deadlineNote: string;
  /** Newest first. */
  timeline: TimelineRow[];
}

export const MISSING_CASE_MESSAGE = '缺少申请编号，请从「我的申请」进入';

export function toCaseScreen(view: MyCaseView): CaseScreen {
  return {
    caseNo: `编号 ${view.caseNo}`,
    title: `${view.beneficiaryName}（${view.relationshipLabel}）· ${view.causeLabel}`,
    stateLabel: view.stateLabel,
    amountText: view.amountFen === null ? '金额待定' : formatYuan(view.amountFen),
    deadlineText: view.nextDeadline ? `${view.nextDeadline.label}：${view.nextDeadline.text}` : '',
    deadlineNote: view.nextDeadline?.provisionalNote ?? '',
    timeline: [...view.timeline]
      .sort((a, b) => b.seq - a.seq)
      .map((entry) => ({
        key: String(entry.seq),
        label: entry.label,
        timeText: formatBeijingTime(entry.at, true),
        who: `${entry.actorRoleLabel} ${entry.actorName}`.trim(),
        summary: entry.summary,
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// What the applicant can still do: withdraw, confirm the receipt, add materials (R-PROC-2).

export interface PhotoThumb {
  fileId: string;
  src: string;
}

export interface MaterialGroup {
  kind: MaterialKind;
  label: string;
  note: string;
  /** 必须 / 如有 / '' (a kind outside the checklist). */
  requiredText: string;
  photos: PhotoThumb[];
}

export interface CaseFollowUp {
  canWithdraw: boolean;
  canConfirmReceipt: boolean;
  canAddMaterials: boolean;
  /** The checklist with its photos while materials may be added, else only the kinds that have photos. */
  materialGroups: MaterialGroup[];
  materialsCountText: string;
  /** 「11月30日 14:00 以现金发放 ¥300.00，领取人 张小军」, or ''. */
  payoutText: string;
  /** 「李秀英 已确认收到（11月30日 14:30）」, or ''. */
  receiptText: string;
  /** Why it was declined or withdrawn, or ''. */
  endReasonText: string;
}

export const WITHDRAW_DIALOG = {
  title: '确定撤回这份申请吗？',
  placeholderText: '撤回原因（可不填）',
  confirmText: '撤回申请',
} as const;
export const WITHDRAWN_TOAST = '申请已撤回';
export const RECEIPT_CONFIRMED_TOAST = '已确认收到救助';
export const MATERIALS_ADDED_TOAST = '材料已补充';
export const ADD_MATERIAL_TEXT = '拍照或选照片';
export const UPLOADING_TEXT = '正在上传…';
export const RECEIPT_HINT = '互助社已发放救助。收到钱或物后，请点下面的按钮确认，方便互助社结案。';
export const MAX_REASON_LENGTH = 200;

/** The text the applicant typed in the withdraw dialog, trimmed to what the cloud accepts. */
export function withdrawReason(content: string | undefined): string {
  return (content ?? '').trim().slice(0, MAX_REASON_LENGTH);
}

export function confirmReceiptDialog(view: MyCaseView): { title: string; content: string; confirmText: string } {
  const what = view.payout
    ? view.payout.method === 'goods'
      ? `实物（${view.payout.goodsDescription ?? '价值 ' + formatYuan(view.payout.amountFen)}）`
      : formatYuan(view.payout.amountFen)
    : '救助';
  return {
    title: '确认已收到救助',
    content: `请确认已经收到互助社发放的${what}。确认后不能撤销。`,
    confirmText: '确认收到',
  };
}

export function toCaseFollowUp(view: MyCaseView, srcOf: (fileId: string) => string): CaseFollowUp {
  const photosOf = (kind: MaterialKind): PhotoThumb[] =>
    view.materials
      .filter((item) => item.kind === kind)
      .map((item) => ({ fileId: item.fileId, src: srcOf(item.fileId) }));
  const listed = new Set<MaterialKind>(view.checklist.map((item) => item.kind));
  const checklistGroups: MaterialGroup[] = view.checklist.map((item) => ({
    kind: item.kind,
    label: item.label,
    note: item.note,
    requiredText: item.required ? '必须' : '如有',
    photos: photosOf(item.kind),
  }));
  const otherGroups: MaterialGroup[] = [...new Set(view.materials.map((item) => item.kind))]
    .filter((kind) => !listed.has(kind))
    .map((kind) => ({ kind, label: MATERIAL_KIND_LABELS[kind], note: '', requiredText: '', photos: photosOf(kind) }));
  const groups = [...checklistGroups, ...otherGroups];
  const payout = view.payout;
  return {
    canWithdraw: view.can.withdraw,
    canConfirmReceipt: view.can.confirmReceipt,
    canAddMaterials: view.can.addMaterials,
    materialGroups: view.can.addMaterials ? groups : groups.filter((group) => group.photos.length > 0),
    materialsCountText: view.materials.length ? `已上传材料照片 ${view.materials.length} 张` : '还没有上传材料照片',
    payoutText: payout
      ? `${formatBeijingTime(payout.paidAt, true)} 以${payout.methodLabel}发放 ${formatYuan(payout.amountFen)}` +
        (payout.goodsDescription ? `（${payout.goodsDescription}）` : '') +
        `，领取人 ${payout.recipientName}`
      : '',
    receiptText: view.receipt
      ? view.receipt.method === 'tap'
        ? `${view.receipt.byName} 已确认收到（${formatBeijingTime(view.receipt.at, true)}）`
        : `已上传领款人签字的收据（${formatBeijingTime(view.receipt.at, true)}）`
      : '',
    endReasonText: view.endReason ? `原因：${view.endReason}` : '',
  };
}
