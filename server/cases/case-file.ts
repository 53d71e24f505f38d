/**
 * 一人一档 (R-PROC-7): one file per person with every case of theirs in the society, every step,
 * document and decision; exportable as a printable HTML document for the paper archive, stored
 * through the Files port. Officers and the supervisor only; every export is audited.
 */
import { escapeHtml as escape } from '../domain/html';
import type { ActionContext } from '../context';
import { actorOf } from '../access/caller';
import { CASE_READERS, roleIn } from '../access/rules';
import { appendAudit } from '../audit/trail';
import { COLLECTIONS } from '../collections';
import { beijingDayOf } from '../domain/workdays';
import { officerCaseView, personCases, readableCase } from './queries';
import { formatBeijingTime, type CaseFileView, type OfficerCaseView } from '../../miniprogram/domain/case';
import { formatYuan } from '../../miniprogram/domain/money';
import { rosterOfPerson } from '../roster/roster';

export async function caseFile(ctx: ActionContext, caseId: string): Promise<CaseFileView> {
  const { doc, society } = await readableCase(ctx, caseId);
  const docs = await personCases(ctx, doc);
  const cases: OfficerCaseView[] = [];
  for (const each of docs) cases.push(await officerCaseView(ctx, each, society));
  const latest = cases[cases.length - 1]!;
  return {
    societyId: society._id,
    societyName: society.name,
    person: {
      name: latest.person.name,
      idNumber: latest.person.idNumber,
      maskedIdNumber: latest.person.maskedIdNumber,
    },
    cases,
    roster: await rosterOfPerson(ctx, society, doc.villageId, doc.personKey),
    generatedAt: ctx.clock.now().toISOString(),
  };
}

const time = (iso: string | null | undefined): string => (iso ? formatBeijingTime(iso, true) : '—');

function row(label: string, value: unknown): string {
  return `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`;
}

function caseSection(view: OfficerCaseView): string {
  const rows = [
    row('案件编号', `${view.caseNo}（${view.originLabel}）`),
    row('状态', view.stateLabel),
    row(
      '救助对象',
      `${view.person.name}，${view.person.relationshipLabel === '本人' ? '本人申请' : `申请人的${view.person.relationshipLabel}`}`,
    ),
    row('身份证号码', view.person.idNumber),
    row('联系电话', view.person.phone ?? '—'),
    row('户籍', view.person.hukouLabel),
    row('申请人', view.applicant ? view.applicant.name : '—（主动发现）'),
    row('困难原因', `${view.situation.causeLabel}：${view.situation.description}`),
    row('享受政府救助', view.situation.assistanceLabels.join('、') || '无'),
    row('家庭类别', view.situation.categoryLabel),
    row('适用救助', view.eligibility.summary),
    row('知情同意', `${view.consent.textVersion}，${time(view.consent.at)}`),
  ];
  if (view.visit) {
    rows.push(
      row('入户核查', `${time(view.visit.visitedAt)}，${view.visit.visitors.join('、')}`),
      row('核查情况', view.visit.findings),
      row('核验原件', view.visit.originalsCheckedLabels.join('、') || '—'),
      row('审核意见', view.visit.opinion.reason),
    );
  }
  if (view.proposal) rows.push(row('审批意见', view.proposal.reason));
  if (view.decision) {
    rows.push(
      row(
        '审批决定',
        `${view.decision.outcome === 'approved' ? '批准' : '不予批准'}：${view.decision.reliefTypeLabel ?? ''} ${
          view.decision.formLabel ?? ''
        } ${view.decision.outcome === 'approved' ? formatYuan(view.decision.amountFen) : ''}（${view.decision.byName}，${time(view.decision.at)}）${view.decision.reason}`,
      ),
    );
  }
  if (view.payout) {
    rows.push(
      row(
        '发放',
        `${view.payout.methodLabel} ${formatYuan(view.payout.amountFen)}${view.payout.goodsDescription ? `（${view.payout.goodsDescription}）` : ''}，${view.payout.recipientName} 领取，经办 ${view.payout.paidByName}，${time(view.payout.paidAt)}${view.payout.reliefFirst ? '，先行救助' : ''}`,
      ),
    );
  }
  if (view.reliefFirst) {
    rows.push(
      row(
        '先行救助说明',
        `${view.reliefFirst.urgency}${view.reliefFirst.explanation ? `；补办：${view.reliefFirst.explanation.ratified ? '予以追认' : '不予追认'}，${view.reliefFirst.explanation.text}` : '；尚未补办'}`,
      ),
    );
  }
  if (view.receipt)
    rows.push(
      row('领款确认', `${view.receipt.method === 'photo' ? '签字收据照片' : '本人确认'}，${time(view.receipt.at)}`),
    );
  for (const deadline of view.deadlines)
    rows.push(row(`时限：${deadline.label}`, `${time(deadline.dueAt)}，${deadline.text}`));
  for (const referral of view.referrals) {
    rows.push(
      row(
        `转介：${referral.kindLabel}`,
        `${referral.description}；${referral.ownerName}，${referral.followUpDate}，${referral.statusLabel}`,
      ),
    );
  }
  const materials = view.materials.map(
    (item) =>
      `<li>${escape(item.label)}（${escape(time(item.addedAt))}，${escape(item.addedByName)}）：${escape(item.fileId)}</li>`,
  );
  const steps = view.timeline.map(
    (entry) =>
      `<tr><td>${entry.seq}</td><td>${escape(time(entry.at))}</td><td>${escape(entry.label)}</td><td>${escape(entry.actorName)}（${escape(entry.actorRoleLabel)}）</td><td>${escape(entry.summary)}</td></tr>`,
  );
  return [
    `<section><h2>案件 ${escape(view.caseNo)}</h2>`,
    `<table class="facts">${rows.join('')}</table>`,
    `<h3>材料</h3><ul>${materials.join('') || '<li>无</li>'}</ul>`,
    `<h3>办理过程</h3><table class="steps"><tr><th>序号</th><th>时间</th><th>环节</th><th>办理人</th><th>内容</th></tr>${steps.join('')}</table>`,
    '<p class="sign">经办人签字：＿＿＿＿＿＿&#12288;审批人签字：＿＿＿＿＿＿&#12288;日期：＿＿＿＿＿＿</p>',
    '</section>',
  ].join('\n');
}

/** R-OVS-1: the person on the roster — lists, level, schedule — and every visit, newest first. */
function rosterSection(file: CaseFileView): string {
  const entry = file.roster;
  if (!entry) return '';
  const rows = [
    row('所在名单', entry.kindLabels.join('、') || '已移出名单'),
    row('困难等级', entry.levelLabel),
    row('列入花名册', entry.enrolledDay),
    row('住址', entry.address ?? '—'),
    row('下次走访', entry.active ? entry.dueText : '—'),
  ];
  const visits = entry.visits.map(
    (visit) =>
      `<tr><td>${escape(visit.visitDay)}</td><td>${escape(visit.visitors.join('、'))}</td><td>${escape(visit.findings)}</td><td>${visit.photoFileIds.length}</td><td>${escape(visit.recordedByName)}</td></tr>`,
  );
  return [
    '<section><h2>重点对象花名册</h2>',
    `<table class="facts">${rows.join('')}</table>`,
    `<h3>走访记录</h3><table class="steps"><tr><th>日期</th><th>走访人</th><th>情况</th><th>照片</th><th>记录人</th></tr>${visits.join('') || '<tr><td colspan="5">尚无走访记录</td></tr>'}</table>`,
    '</section>',
  ].join('\n');
}

export function renderCaseFileHtml(file: CaseFileView): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(file.societyName)} 救助档案 ${escape(file.person.name)}</title>
<style>
body{font-family:"SimSun","Songti SC",serif;margin:24px;font-size:14px;color:#000}
h1{font-size:20px;text-align:center}h2{font-size:16px;border-bottom:1px solid #000;margin-top:24px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #000;padding:4px 6px;text-align:left;vertical-align:top}
.facts th{width:8em;white-space:nowrap}.sign{margin-top:16px}section{page-break-inside:avoid}
@media print{body{margin:0}}
</style></head><body>
<h1>${escape(file.societyName)}&#12288;救助对象档案（一人一档）</h1>
<p>姓名：${escape(file.person.name)}&#12288;身份证号码：${escape(file.person.idNumber)}&#12288;案件数：${file.cases.length}&#12288;导出时间：${escape(time(file.generatedAt))}</p>
<p>本档案含个人信息和敏感个人信息，仅供互助社存档和监督使用，不得外传。</p>
${rosterSection(file)}
${file.cases.map(caseSection).join('\n')}
</body></html>
`;
}

/** Stores the printable file and answers where to open it; the export itself is audited. */
export async function exportCaseFile(ctx: ActionContext, caseId: string): Promise<{ fileId: string; url: string }> {
  const file = await caseFile(ctx, caseId);
  const { doc, society } = await readableCase(ctx, caseId);
  const at = ctx.clock.now();
  const stamp = at
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);
  const path = `case-files/${society._id}/${doc.personKey.slice(0, 16)}-${beijingDayOf(at)}-${stamp}.html`;
  const stored = await ctx.files.put(path, Buffer.from(renderCaseFileHtml(file), 'utf8'), 'text/html');
  const role = roleIn(ctx.caller, CASE_READERS, society);
  // One insert: the event is kept pending, chained by audit/seal.ts.
  await appendAudit(ctx.store, {
    scopeId: society._id,
    actor: actorOf(ctx.caller, role),
    action: 'case.exportFile',
    target: `${COLLECTIONS.cases}/${doc._id}`,
    details: { cases: file.cases.length, fileId: stored.fileId },
    at,
  });
  return { fileId: stored.fileId, url: await ctx.files.url(stored.fileId) };
}
