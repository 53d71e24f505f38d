/** 我的认捐: the donor's pledges, each receipt once confirmed, and the society's relief since. Pure. */
import { formatBeijingTime } from '../../domain/case';
import { formatYuan } from '../../domain/money';
import type { MyPledgeView, PledgeStatus, ReliefSinceView } from '../../domain/funds';

export const NO_PLEDGES_MESSAGE = '您还没有认捐。互助社不开展公开募捐，认捐请使用互助社发给您的邀请链接或邀请码。';
export const NOT_A_DONOR_MESSAGE = '您还不是任何互助社的捐赠人';

export const PLEDGE_STATUS_THEMES: Record<PledgeStatus, string> = {
  pledged: 'warning',
  received: 'success',
  cancelled: 'default',
};

export function reliefSinceText(relief: ReliefSinceView | null): string {
  if (!relief) return '';
  if (relief.count === 0) return '到账以来，本社暂无新的救助支出';
  return `到账以来，本社已救助 ${relief.count} 人次，共 ${formatYuan(relief.fen)}`;
}

export interface PledgeRow {
  id: string;
  societyName: string;
  amountText: string;
  statusLabel: string;
  statusTheme: string;
  pledgedText: string;
  channelLabel: string;
  receiptText: string;
  reliefText: string;
  url: string;
}

export function toPledgeRow(pledge: MyPledgeView): PledgeRow {
  return {
    id: pledge.id,
    societyName: pledge.societyName,
    amountText: formatYuan(pledge.amountFen),
    statusLabel: pledge.statusLabel,
    statusTheme: PLEDGE_STATUS_THEMES[pledge.status],
    pledgedText: `${formatBeijingTime(pledge.pledgedAt, true)} 认捐${pledge.anonymous ? '（匿名）' : ''}`,
    channelLabel: pledge.channelLabel,
    receiptText: pledge.receipt
      ? `${formatBeijingTime(pledge.receipt.receivedAt, true)} 到账 ${formatYuan(pledge.receipt.amountFen)}，回执编号 ${pledge.receipt.entryId}`
      : '',
    reliefText: reliefSinceText(pledge.reliefSince),
    url: `/pages/pledge/index?pledgeId=${encodeURIComponent(pledge.id)}`,
  };
}
