/**
 * Shapes one case's 四公布 sheet (R-OVS-3): the reason for the application, the findings of the
 * check, the decision and the amount — what the notice shows beside the full record — with the
 * notice, every step of the case and the flags raised on it (and, for 先行救助 not ratified, what the
 * township decided about the money, R-PROC-5); and checks the flag form (R-OVS-2:
 * the supervision committee's one write). Pure: tested without rendering.
 */
import { formatYuan } from '../../../../domain/money';
import { formatBeijingTime } from '../../../../domain/case';
import { FLAG_COMMENT_MAX, type FourPublicSheet } from '../../../../domain/oversight';
import { toFlagRow, toStepRows, type FlagRow, type StepRow } from '../supervision/view';

export const MISSING_CASE_MESSAGE = '缺少案件编号，请从监督本社的案件列表进入';
export const NOT_ALLOWED_MESSAGE = '四公布表只向本社秘书长、社长和村监督委员会开放';
export const EMPTY_FLAG_MESSAGE = '请写明提请乡镇关注的意见';
export const FLAG_TOO_LONG_MESSAGE = `意见不能超过 ${FLAG_COMMENT_MAX} 字`;
export const FLAG_HINT = '乡镇将看到您的意见和这个案件（姓名脱敏），处理后会写明处理情况。';
export const FLAG_DONE_MESSAGE = '已提请乡镇关注';

export { FLAG_COMMENT_MAX };

export interface SheetRow {
  label: string;
  value: string;
}

export interface SheetSection {
  key: string;
  title: string;
  rows: SheetRow[];
  /** Shown when nothing is recorded yet. */
  empty: string;
}

export interface CaseSheetScreen {
  title: string;
  subtitle: string;
  stateLabel: string;
  /** 四公布: reason, findings, decision, amount; then the notice. */
  sections: SheetSection[];
  noticeLines: string[];
  steps: StepRow[];
  flags: FlagRow[];
  generatedText: string;
}

function rows(...pairs: Array<[string, string | null | undefined]>): SheetRow[] {
  return pairs.flatMap(([label, value]) => (value ? [{ label, value }] : []));
}

/** R-PROC-5: 先行救助 not ratified — the township's recovery or write-off of the money, or that it is pending. */
function unratifiedRows(unratified: FourPublicSheet['unratified']): Array<[string, string | null]> {
  if (!unratified) return [];
  return [
    ['未追认的款项', unratified.outcomeLabel],
    ['追回日期', unratified.recoveredOn],
    ['乡镇处理理由', unratified.reason],
    [
      '乡镇处理人',
      unratified.byName && unratified.at ? `${unratified.byName}，${formatBeijingTime(unratified.at, true)}` : null,
    ],
    ['追回入账', unratified.ledgerEntryId],
  ];
}

function section(key: string, title: string, content: SheetRow[], empty: string): SheetSection {
  return { key, title, rows: content, empty: content.length === 0 ? empty : '' };
}

export function toCaseSheetScreen(sheet: FourPublicSheet): CaseSheetScreen {
  const { reason, findings, decision, amount, notice } = sheet;
  const at = (iso: string | null) => (iso ? formatBeijingTime(iso, true) : null);
  return {
    title: `${sheet.name}（公示名 ${sheet.maskedName}）`,
    subtitle: `${sheet.societyName} · 编号 ${sheet.caseNo}`,
    stateLabel: sheet.stateLabel,
    sections: [
      section(
        'reason',
        '一、申请原因',
        rows(
          ['困难原因', reason.causeLabel],
          ['公示写法', reason.published],
          ['申请陈述', reason.record],
          ['资格自查', reason.eligibility],
        ),
        '未记录',
      ),
      section(
        'findings',
        '二、核查情况',
        rows(
          ['公示写法', findings.published ?? (notice ? null : '尚未公示')],
          ['核查记录', findings.record],
          ['核查时间', at(findings.visitedAt)],
          ['核查人', findings.visitors.join('、')],
          ['核验原件', findings.originalsChecked.join('、')],
        ),
        '尚未入户核查',
      ),
      section(
        'decision',
        '三、审批决定',
        decision
          ? rows(
              ['决定', decision.outcomeLabel],
              ['救助类别', decision.reliefTypeLabel],
              ['救助方式', decision.formLabel],
              ['档次', decision.tierLabel],
              ['理由', decision.reason],
              ['审批人', `${decision.byName}，${formatBeijingTime(decision.at, true)}`],
              ['先行救助', decision.reliefFirst ? '是，先发放后补办审批' : null],
              ...unratifiedRows(sheet.unratified),
            )
          : [],
        '尚未审批',
      ),
      section(
        'amount',
        '四、救助金额',
        amount
          ? rows(
              ['金额', formatYuan(amount.amountFen)],
              ['发放方式', amount.methodLabel],
              ['发放', `${amount.paidByName}，${formatBeijingTime(amount.paidAt, true)}`],
              ['台账记录', amount.ledgerEntryId],
              ['领款确认', amount.receiptConfirmed ? '已确认收到' : '尚未确认收到'],
            )
          : [],
        '尚未发放',
      ),
      section(
        'notice',
        '公示',
        notice
          ? rows(
              ['状态', notice.statusLabel],
              ['公示期', notice.periodText],
              [
                '异议',
                notice.objectionCount === 0
                  ? '无'
                  : `${notice.objectionCount} 条，待答复 ${notice.openObjectionCount} 条`,
              ],
              ['公示栏张贴', notice.postedOnPaper ? '已上传张贴照片' : '未上传张贴照片'],
            )
          : [],
        amount ? '已发放，尚未公示' : '未发放，无需公示',
      ),
    ],
    noticeLines: notice?.lines ?? [],
    steps: toStepRows(sheet.steps),
    flags: sheet.flags.map(toFlagRow),
    generatedText: `生成于 ${formatBeijingTime(sheet.generatedAt, true)}`,
  };
}

/** What is wrong with a flag comment (empty, too long); [] when it can be sent. */
export function flagProblems(comment: string): string[] {
  const text = comment.trim();
  if (text === '') return [EMPTY_FLAG_MESSAGE];
  if (text.length > FLAG_COMMENT_MAX) return [FLAG_TOO_LONG_MESSAGE];
  return [];
}

export function remainingText(comment: string): string {
  return `还可以写 ${Math.max(0, FLAG_COMMENT_MAX - comment.length)} 字`;
}
