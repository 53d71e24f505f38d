/** Shapes the fund report (R-OVS-4) for members: balance, in by channel, out by relief type, entries. Pure. */
import { formatYuan } from '../../domain/money';
import { formatBeijingTime } from '../../domain/case';
import { isMonth, type FundEntryView, type FundReportView, type Month } from '../../domain/funds';
import { inRows, outRows, reconciliationText, type AmountRow } from '../../utils/fund-format';

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从首页进入';
export const NOT_A_MEMBER_MESSAGE = '互助资金报告仅向本社会员、干部和监督委员会公开';
export const PERIOD_ORDER_MESSAGE = '开始月份不能晚于结束月份';
export const NO_ENTRIES_MESSAGE = '这段时间没有资金进出';
export const ENTRIES_PAGE_SIZE = 20;

export interface FundReportScreen {
  societyName: string;
  balanceText: string;
  raisedText: string;
  periodLabel: string;
  from: Month;
  to: Month;
  openingText: string;
  closingText: string;
  inText: string;
  outText: string;
  inRows: AmountRow[];
  outRows: AmountRow[];
  /** 本期救助 2 人次，共 ¥1,500.00 */
  reliefText: string;
  reversalText: string;
  reconciled: boolean;
  reconciliationText: string;
  generatedText: string;
  /** 「收款账户：王家村救急难互助社，清溪农商行王家支行，尾号0077」; '' for a filed society (federation sub-account). */
  accountText: string;
  /** 「社长王建国于2026年11月2日 10:00填写」; '' when not known. */
  accountChangedText: string;
}

export function toFundReportScreen(view: FundReportView): FundReportScreen {
  return {
    societyName: view.societyName,
    balanceText: formatYuan(view.currentBalanceFen),
    raisedText: formatYuan(view.raisedFen),
    periodLabel: view.periodLabel,
    from: view.from,
    to: view.to,
    openingText: formatYuan(view.openingFen),
    closingText: formatYuan(view.closingFen),
    inText: formatYuan(view.inFen),
    outText: formatYuan(view.outFen),
    inRows: inRows(view.inByChannel),
    outRows: outRows(view.outByRelief),
    reliefText: `本期救助 ${view.reliefCount} 人次，共 ${formatYuan(view.reliefFen)}`,
    reversalText: view.reversalCount > 0 ? `其中冲正 ${view.reversalCount} 笔（记错后更正，原记录保留）` : '',
    reconciled: view.reconciliation.ok,
    reconciliationText: reconciliationText(view.reconciliation),
    generatedText: `数据截至 ${formatBeijingTime(view.generatedAt, true)}`,
    accountText: view.account ? `收款账户：${view.account.text}` : '',
    accountChangedText: view.account?.changedText ?? '',
  };
}

export interface EntryRow {
  id: string;
  dateText: string;
  title: string;
  /** Masked recipient, donor or payer; never an ID number or a cause. */
  party: string;
  amountText: string;
  incoming: boolean;
  balanceText: string;
  note: string;
}

export function toEntryRow(entry: FundEntryView): EntryRow {
  const title = entry.reliefKindLabel ? `${entry.typeLabel} · ${entry.reliefKindLabel}` : entry.typeLabel;
  const notes = [
    entry.memo,
    entry.reverses ? `冲正记录 ${entry.reverses}` : '',
    entry.reversedBy ? '此笔已冲正' : '',
  ].filter(Boolean);
  return {
    id: entry.id,
    dateText: formatBeijingTime(entry.recordedAt, true),
    title,
    party: entry.party,
    amountText: `${entry.amountFen > 0 ? '+' : ''}${formatYuan(entry.amountFen)}`,
    incoming: entry.amountFen > 0,
    balanceText: `余额 ${formatYuan(entry.balanceAfterFen)}`,
    note: notes.join('；'),
  };
}

/** 第 1–20 笔，共 35 笔 */
export function entriesCountText(shown: number, total: number): string {
  return total === 0 ? NO_ENTRIES_MESSAGE : `已显示 ${shown} 笔，共 ${total} 笔`;
}

/** What keeps a chosen period from being asked for; '' when it can go. */
export function periodProblem(from: Month, to: Month): string {
  if (!isMonth(from) || !isMonth(to)) return '请选择月份';
  return from > to ? PERIOD_ORDER_MESSAGE : '';
}
