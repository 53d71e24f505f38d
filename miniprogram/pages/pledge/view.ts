/** One pledge for its donor: payment details, the receipt (收据) once confirmed, the relief since, cancelling. Pure. */
import { formatBeijingTime } from '../../domain/case';
import { formatYuan } from '../../domain/money';
import type { MyPledgeView } from '../../domain/funds';
import { PLEDGE_STATUS_THEMES, reliefSinceText } from '../my-pledges/view';
import { paymentLines } from '../invite/view';
import { textLength } from '../../utils/amount';

export const MISSING_PLEDGE_MESSAGE = '缺少认捐编号，请从“我的认捐”重新打开';
export const CANCEL_REASON_MESSAGE = '请写明取消的原因';

export interface PledgeScreen {
  id: string;
  societyName: string;
  amountText: string;
  statusLabel: string;
  statusTheme: string;
  pledgedText: string;
  shownAs: string;
  paymentLines: string[];
  paymentText: string;
  receiptLines: string[];
  cancelledText: string;
  reliefText: string;
  reliefByKind: string[];
  reliefRecent: Array<{ key: string; text: string }>;
  canCancel: boolean;
}

export function toPledgeScreen(pledge: MyPledgeView): PledgeScreen {
  const receipt = pledge.receipt;
  const relief = pledge.reliefSince;
  return {
    id: pledge.id,
    societyName: pledge.societyName,
    amountText: formatYuan(pledge.amountFen),
    statusLabel: pledge.statusLabel,
    statusTheme: PLEDGE_STATUS_THEMES[pledge.status],
    pledgedText: `认捐时间：${formatBeijingTime(pledge.pledgedAt, true)}`,
    shownAs: pledge.anonymous ? '公开信息中显示为：匿名捐赠' : `公开信息中显示为：${pledge.donorName}`,
    paymentLines: pledge.status === 'pledged' ? paymentLines(pledge.payment) : [],
    paymentText: pledge.status === 'pledged' ? pledge.payment.text : '',
    receiptLines: receipt
      ? [
          `收款单位：${receipt.societyName}`,
          ...(receipt.registrationNumber ? [`登记证号/备案号：${receipt.registrationNumber}`] : []),
          `到账金额：${formatYuan(receipt.amountFen)}`,
          `到账确认：${formatBeijingTime(receipt.receivedAt, true)}，经办人 ${receipt.confirmedByName}`,
          `回执编号（台账记账编号）：${receipt.entryId}`,
        ]
      : [],
    cancelledText: pledge.cancelledAt ? `已于 ${formatBeijingTime(pledge.cancelledAt, true)} 取消` : '',
    reliefText: reliefSinceText(relief),
    reliefByKind: relief
      ? relief.byKind
          .filter((line) => line.count > 0)
          .map((line) => `${line.label}：${line.count} 人次，${formatYuan(line.fen)}`)
      : [],
    reliefRecent: relief
      ? relief.recent.map((item, index) => ({
          key: `${index}`,
          text: `${formatBeijingTime(item.date)} ${item.party} ${item.kindLabel} ${formatYuan(item.amountFen)}`,
        }))
      : [],
    canCancel: pledge.status === 'pledged',
  };
}

export function cancelReasonProblem(reason: string): string | null {
  if (textLength(reason) === 0) return CANCEL_REASON_MESSAGE;
  if (textLength(reason) > 200) return '原因最多 200 字';
  return null;
}
