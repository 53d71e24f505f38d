/**
 * One general meeting (R-OVS-4): when and where, its pack (the fund statement and relief summary
 * frozen at the cut-off), the minutes and resolutions; what the caller may do with it. Pure.
 */
import { formatBeijingTime } from '../../domain/case';
import { formatYuan } from '../../domain/money';
import { monthLabel, type MeetingFileKind, type MeetingView } from '../../domain/funds';
import type { Role } from '../../domain/society';
import { caseStatsLines, inRows, outRows, reconciliationText, type AmountRow } from '../../utils/fund-format';
import { MEETING_STATUS_LABELS, meetingStatus, meetingTimeText, noticeText } from '../meetings/view';

export const MISSING_MEETING_MESSAGE = '缺少会议编号，请从会员大会列表进入';
export const NOT_A_MEMBER_MESSAGE = '会员大会信息仅向本社会员公开';
export const NO_PACK_MESSAGE = '会议材料尚未发布';
export const MISSING_FILE_TITLE_MESSAGE = '请填写文件标题';
export const MISSING_REASON_MESSAGE = '请填写取消的原因';
export const PUBLISH_HINT = '发布后，本半年截至上月底的资金报告和救助情况将冻结，不再改变';

export interface PackScreen {
  cutoffText: string;
  publishedText: string;
  periodLabel: string;
  ledger: Array<{ key: string; label: string; value: string }>;
  inRows: AmountRow[];
  outRows: AmountRow[];
  reliefText: string;
  reconciled: boolean;
  reconciliationText: string;
  cases: Array<{ key: string; label: string; value: string }>;
}

export interface MeetingFileRow {
  fileId: string;
  src: string;
  label: string;
  dateText: string;
}

export interface MeetingScreen {
  id: string;
  societyId: string;
  title: string;
  halfLabel: string;
  dateText: string;
  place: string;
  agendaLines: string[];
  statusLabel: string;
  noticeText: string;
  scheduledText: string;
  pack: PackScreen | null;
  files: MeetingFileRow[];
  canPublish: boolean;
  canAttach: boolean;
  canCancel: boolean;
}

export function toPackScreen(pack: NonNullable<MeetingView['pack']>): PackScreen {
  const statement = pack.statement;
  return {
    cutoffText: `材料截至${monthLabel(pack.cutoffMonth)}底，发布后不再改变`,
    publishedText: `${pack.publishedByName}于${formatBeijingTime(pack.publishedAt, true)}发布`,
    periodLabel: statement.periodLabel,
    ledger: [
      { key: 'opening', label: '期初余额', value: formatYuan(statement.openingFen) },
      { key: 'in', label: '收入', value: formatYuan(statement.inFen) },
      { key: 'out', label: '支出', value: formatYuan(statement.outFen) },
      { key: 'closing', label: '期末余额', value: formatYuan(statement.closingFen) },
    ],
    inRows: inRows(statement.inByChannel),
    outRows: outRows(statement.outByRelief),
    reliefText: `救助 ${statement.reliefCount} 人次，共 ${formatYuan(statement.reliefFen)}`,
    reconciled: statement.reconciliation.ok,
    reconciliationText: reconciliationText(statement.reconciliation),
    cases: pack.cases ? caseStatsLines(pack.cases) : [],
  };
}

export function toMeetingScreen(
  view: MeetingView,
  roles: readonly Role[],
  photoSrc: (fileId: string) => string,
): MeetingScreen {
  const status = meetingStatus(view);
  const scheduled = view.status === 'scheduled';
  const officer = roles.includes('president') || roles.includes('secretary');
  return {
    id: view.id,
    societyId: view.societyId,
    title: view.title,
    halfLabel: view.halfLabel,
    dateText: meetingTimeText(view.startsAt),
    place: view.place,
    agendaLines: view.agenda.split('\n').filter((line) => line.trim() !== ''),
    statusLabel: MEETING_STATUS_LABELS[status],
    noticeText: status === 'cancelled' ? '' : noticeText(view),
    scheduledText: `${view.scheduledByName}于${formatBeijingTime(view.scheduledAt, true)}召集`,
    pack: view.pack ? toPackScreen(view.pack) : null,
    files: view.files.map((file) => ({
      fileId: file.fileId,
      src: photoSrc(file.fileId),
      label: `${file.kindLabel}：${file.title}`,
      dateText: formatBeijingTime(file.attachedAt, true),
    })),
    canPublish: officer && scheduled && view.pack === null,
    // Minutes and resolutions once the meeting has begun; cancelling only before.
    canAttach: officer && scheduled && view.started,
    canCancel: roles.includes('president') && status === 'upcoming',
  };
}

export const FILE_KIND_OPTIONS: Array<{ value: MeetingFileKind; label: string }> = [
  { value: 'minutes', label: '会议纪要' },
  { value: 'resolution', label: '会议决议' },
];
