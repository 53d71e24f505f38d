/** 一人一档 (R-PROC-7): one person's every case, step, document and decision, shaped for the screen. Pure. */
import { formatBeijingTime, type CaseFileView, type OfficerCaseView } from '../../../../domain/case';
import { formatYuan } from '../../../../domain/money';

export const MISSING_CASE_MESSAGE = '缺少案件编号，请从案件详情进入';
export const NOT_A_READER_MESSAGE = '只有本互助社的秘书长、社长和村监督委员会可以查看一人一档';
export const EXPORTED_TOAST = '档案已导出';
export const LINK_COPIED_TOAST = '链接已复制';
/** The export is a printable web page: WeChat opens only office files and PDFs inside the app. */
export const EXPORT_LINK_NOTE =
  '档案已生成为网页文件。请复制链接，在电脑浏览器中打开后打印存档（含个人信息，不得外传）。';

export interface FilePhoto {
  fileId: string;
  src: string;
  caption: string;
}

export interface FileStep {
  key: string;
  label: string;
  timeText: string;
  who: string;
  summary: string;
}

export interface FileCase {
  id: string;
  title: string;
  stateLabel: string;
  lines: string[];
  photos: FilePhoto[];
  /** Oldest first, as the paper archive reads. */
  steps: FileStep[];
}

export interface CaseFileScreen {
  name: string;
  idText: string;
  societyName: string;
  countText: string;
  generatedText: string;
  /** R-OVS-1: the roster entry and its visits, one line each ([] when not on the roster). */
  rosterLines: string[];
  cases: FileCase[];
}

function rosterLines(file: CaseFileView): string[] {
  const entry = file.roster;
  if (!entry) return [];
  return [
    `名单：${entry.kindLabels.join('、') || '已移出名单'}；${entry.levelLabel}；${entry.enrolledDay} 列入花名册`,
    ...(entry.active ? [`下次走访：${entry.dueText}`] : []),
    ...entry.visits.map((visit) => `走访 ${visit.visitDay}，${visit.visitors.join('、')}：${visit.findings}`),
  ];
}

function caseLines(view: OfficerCaseView): string[] {
  const lines = [
    `来源：${view.originLabel}${view.applicant ? `，申请人 ${view.applicant.name}` : ''}`,
    `困难原因：${view.situation.causeLabel}。${view.situation.description}`,
    `政府救助：${view.situation.assistanceLabels.join('、') || '无'}；家庭类别：${view.situation.categoryLabel}`,
    `适用救助：${view.eligibility.summary}`,
  ];
  if (view.visit) {
    lines.push(
      `入户核查：${formatBeijingTime(view.visit.visitedAt, true)}，${view.visit.visitors.join('、')}。${view.visit.findings}`,
    );
  }
  if (view.decision) {
    lines.push(
      `审批决定：${view.decision.outcome === 'approved' ? '批准' : '不予批准'}` +
        (view.decision.outcome === 'approved'
          ? `，${view.decision.reliefTypeLabel ?? ''}${view.decision.tierLabel ? `「${view.decision.tierLabel}」` : ''} ${formatYuan(view.decision.amountFen)}`
          : '') +
        `（${view.decision.byName}，${formatBeijingTime(view.decision.at, true)}）。${view.decision.reason}`,
    );
  }
  if (view.reliefFirst) {
    lines.push(`先行救助：${view.reliefFirst.urgency}（${view.reliefFirst.byName}）`);
    if (view.reliefFirst.explanation) {
      lines.push(
        `补办审批：${view.reliefFirst.explanation.ratified ? '予以追认' : '不予追认'}。${view.reliefFirst.explanation.text}`,
      );
    }
  }
  if (view.payout) {
    lines.push(
      `发放：${formatBeijingTime(view.payout.paidAt, true)} ${view.payout.methodLabel} ${formatYuan(view.payout.amountFen)}` +
        `${view.payout.goodsDescription ? `（${view.payout.goodsDescription}）` : ''}，领取人 ${view.payout.recipientName}，经办 ${view.payout.paidByName}`,
    );
  }
  if (view.receipt) {
    lines.push(
      `领款确认：${view.receipt.method === 'tap' ? '申请人在小程序确认' : '签字收据照片'}（${view.receipt.byName}，${formatBeijingTime(view.receipt.at, true)}）`,
    );
  }
  for (const referral of view.referrals) {
    lines.push(
      `转介：${referral.kindLabel}，${referral.description}；负责人 ${referral.ownerName}，跟进 ${referral.followUpDate}，${referral.statusLabel}`,
    );
  }
  if (view.endReason) lines.push(`原因：${view.endReason}`);
  return lines;
}

function casePhotos(view: OfficerCaseView, srcOf: (fileId: string) => string): FilePhoto[] {
  const photos: FilePhoto[] = view.materials.map((item) => ({
    fileId: item.fileId,
    src: srcOf(item.fileId),
    caption: item.label,
  }));
  for (const fileId of view.visit?.photoFileIds ?? []) photos.push({ fileId, src: srcOf(fileId), caption: '入户照片' });
  if (view.receipt?.fileId) {
    photos.push({ fileId: view.receipt.fileId, src: srcOf(view.receipt.fileId), caption: '签字收据' });
  }
  return photos;
}

export function toCaseFileScreen(file: CaseFileView, srcOf: (fileId: string) => string): CaseFileScreen {
  return {
    name: file.person.name,
    idText: `身份证 ${file.person.maskedIdNumber}`,
    societyName: file.societyName,
    countText: `在本社共 ${file.cases.length} 个案件`,
    generatedText: `生成时间 ${formatBeijingTime(file.generatedAt, true)}`,
    rosterLines: rosterLines(file),
    cases: file.cases.map((view) => ({
      id: view.id,
      title: `${view.caseNo} · ${view.causeLabel}${view.amountFen !== null ? ` · ${formatYuan(view.amountFen)}` : ''}`,
      stateLabel: view.stateLabel,
      lines: caseLines(view),
      photos: casePhotos(view, srcOf),
      steps: [...view.timeline]
        .sort((a, b) => a.seq - b.seq)
        .map((entry) => ({
          key: `${view.id}-${entry.seq}`,
          label: entry.label,
          timeText: formatBeijingTime(entry.at, true),
          who: `${entry.actorRoleLabel} ${entry.actorName}`.trim(),
          summary: entry.summary,
        })),
    })),
  };
}

/** The wx.openDocument fileType of an export address, or null when WeChat cannot open it (e.g. html). */
export function documentTypeOf(url: string): 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'ppt' | 'pptx' | null {
  const match = /\.([a-z]+)(?:[?#].*)?$/i.exec(url);
  const ext = match?.[1]?.toLowerCase();
  return ext === 'pdf' ||
    ext === 'doc' ||
    ext === 'docx' ||
    ext === 'xls' ||
    ext === 'xlsx' ||
    ext === 'ppt' ||
    ext === 'pptx'
    ? ext
    : null;
}
