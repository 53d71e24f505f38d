/**
 * The officer's case detail: who, what, materials, the deadlines (R-PROC-3/4/5), the repeat-relief
 * warning, the whole timeline (R-OVS-5) and the buttons for the steps the cloud says this caller
 * may take now (`view.actions`: recusal and the approver rule already applied). Pure.
 */
import { formatYuan } from '../../../../domain/money';
import { formatBeijingTime, type CaseStep, type OfficerCaseView } from '../../../../domain/case';
import { MATERIAL_KIND_LABELS, type MaterialKind } from '../../../../domain/relief';
import { unratifiedText } from '../../case-step';

export const MISSING_CASE_MESSAGE = '缺少案件编号，请从救助案件列表进入';
export const FORBIDDEN_CASE_MESSAGE = '这个案件不属于您任职的互助社，不能查看';
export const DECLINE_REASON_MISSING = '请填写不予受理的理由（申请人可以看到）';
export const RECUSED_NOTE = '这是您本户的救助案件，按规定须回避，请由其他工作人员办理。';
export const ACCEPTED_TOAST = '已受理，入户核查须在 1 个工作日内完成';
export const DECLINED_TOAST = '已不予受理';
export const MATERIALS_ADDED_TOAST = '材料已补充';
export const RECEIPT_ADDED_TOAST = '签收单已上传';
export const CLOSED_TOAST = '已结案';

const OFFICER = '/packages/officer/pages';

export function visitUrl(caseId: string): string {
  return `${OFFICER}/visit/index?caseId=${encodeURIComponent(caseId)}`;
}
export function decisionUrl(caseId: string): string {
  return `${OFFICER}/decision/index?caseId=${encodeURIComponent(caseId)}`;
}
export function disburseUrl(caseId: string, reliefFirst = false): string {
  return `${OFFICER}/disburse/index?caseId=${encodeURIComponent(caseId)}${reliefFirst ? '&mode=reliefFirst' : ''}`;
}
export function caseFileUrl(caseId: string): string {
  return `${OFFICER}/case-file/index?caseId=${encodeURIComponent(caseId)}`;
}
/** 帮办 (issue 13) of the society, a new record linked to this case. */
export function helpsForCaseUrl(societyId: string, caseId: string): string {
  return `${OFFICER}/helps/index?societyId=${encodeURIComponent(societyId)}&caseId=${encodeURIComponent(caseId)}`;
}

export function referralsUrl(caseId: string): string {
  return `${OFFICER}/referrals/index?caseId=${encodeURIComponent(caseId)}`;
}

export const CONSENT_METHOD_LABELS: Record<string, string> = {
  app: '本人在小程序勾选同意',
  signed: '书面签字同意',
  verbal: '当面宣读后口头同意',
};

export interface InfoRow {
  key: string;
  label: string;
  value: string;
}

export interface NavAction {
  key: string;
  label: string;
  url: string;
  /** The step's main button (filled) or a secondary one (outline). */
  primary: boolean;
}

export interface CaseDetailScreen {
  name: string;
  caseNo: string;
  stateLabel: string;
  originLabel: string;
  amountText: string;
  /** Every deadline of the case, running or done. */
  deadlines: Array<{ key: string; label: string; text: string; note: string; overdue: boolean; done: boolean }>;
  anyOverdue: boolean;
  /** The decision clock: 「已等待审批 1个工作日3小时」, or 「审批用时 …」 once decided. */
  waitLine: { text: string; overdue: boolean } | null;
  /** While proposed, who decides: 「由社长王建国审批」 or why not the president 「本案社长需回避，由青石镇审批」. */
  deciderText: string;
  who: InfoRow[];
  /** Masked on screen; the whole number on a tap, to check against the original card. */
  idNumber: { masked: string; full: string };
  what: InfoRow[];
  eligibility: { outcome: string; summary: string; reasons: string[] };
  /** R-ELIG-3/4: the imported lists, and each point where they differ from the applicant's answer. */
  listCheck: { summary: string; mismatches: string[] };
  consentText: string;
  materials: Array<{ key: string; label: string; src: string; addedText: string }>;
  checklist: Array<{ key: string; label: string; status: string; missing: boolean }>;
  /** R-PROC-5: paid first; the explanation and the approver's ratification due. */
  reliefFirst: { title: string; lines: string[]; pending: boolean } | null;
  progress: InfoRow[];
  repeat: {
    title: string;
    note: string;
    cases: Array<{ id: string; text: string }>;
  } | null;
  /** The earlier cases shown, sent with accept so the record says they were seen. */
  repeatCaseIds: string[];
  /** Oldest first: the whole record. */
  timeline: Array<{ key: string; label: string; timeText: string; who: string; summary: string }>;
  recused: boolean;
  can: { accept: boolean; decline: boolean; addMaterials: boolean; receipt: boolean; close: boolean };
  navActions: NavAction[];
  /** 一人一档 and 转介与回访: for everyone who reads the case. */
  recordLinks: NavAction[];
  endReason: string;
  /** Which checklist item a photo added now proves; the first required one still missing is chosen first. */
  materialKinds: Array<{ value: MaterialKind; label: string }>;
}

function yesNo(value: boolean): string {
  return value ? '是' : '否';
}

/** The pages another step needs, shown only for the steps `actions` holds. */
export function navActionsFor(caseId: string, actions: readonly CaseStep[]): NavAction[] {
  const has = (step: CaseStep) => actions.includes(step);
  const list: NavAction[] = [];
  if (has('recordVisit')) list.push({ key: 'visit', label: '入户核查', url: visitUrl(caseId), primary: true });
  if (has('propose')) list.push({ key: 'propose', label: '提出审批意见', url: visitUrl(caseId), primary: true });
  if (has('approve') || has('reject')) {
    list.push({ key: 'decision', label: '审批', url: decisionUrl(caseId), primary: true });
  }
  if (has('fileExplanation')) {
    list.push({ key: 'explanation', label: '先行救助补办审批', url: decisionUrl(caseId), primary: true });
  }
  if (has('disburse')) list.push({ key: 'disburse', label: '发放救助', url: disburseUrl(caseId), primary: true });
  if (has('reliefFirst')) {
    list.push({ key: 'reliefFirst', label: '先行救助', url: disburseUrl(caseId, true), primary: false });
  }
  return list;
}

export function toCaseDetailScreen(
  view: OfficerCaseView,
  photo: (fileId: string) => string = (fileId) => fileId,
): CaseDetailScreen {
  const actions = view.actions;
  const has = (step: CaseStep) => actions.includes(step);
  const deadlines = view.deadlines.map((deadline) => ({
    key: deadline.kind,
    label: deadline.label,
    text: deadline.text,
    note: deadline.provisionalNote ?? '',
    overdue: deadline.overdue,
    done: deadline.doneAt !== null,
  }));
  const who: InfoRow[] = [
    { key: 'name', label: '救助对象', value: view.person.name },
    { key: 'phone', label: '联系电话', value: view.person.phone ?? '未填写' },
    { key: 'relationship', label: '与申请人关系', value: view.person.relationshipLabel },
    { key: 'hukou', label: '户籍', value: view.person.hukouLabel },
  ];
  if (view.applicant) {
    who.push({
      key: 'applicant',
      label: '申请人',
      value: `${view.applicant.name}${view.applicant.phone ? `（${view.applicant.phone}）` : ''}`,
    });
  }
  if (view.discovery) {
    who.push({ key: 'discovery', label: '如何发现', value: `${view.discovery.how}（${view.discovery.byName} 登记）` });
  }
  const situation = view.situation;
  const what: InfoRow[] = [
    { key: 'cause', label: '困难原因', value: situation.causeLabel },
    { key: 'description', label: '情况说明', value: situation.description },
    { key: 'livingAtRisk', label: '基本生活陷入困境', value: yesNo(situation.livingAtRisk) },
    {
      key: 'assistance',
      label: '正在享受的政府救助',
      value: situation.assistanceLabels.length ? situation.assistanceLabels.join('、') : '无',
    },
    { key: 'category', label: '家庭类别', value: situation.categoryLabel },
  ];
  const materials = view.materials.map((item, index) => ({
    key: `${index}-${item.fileId}`,
    label: item.label,
    src: photo(item.fileId),
    addedText: `${formatBeijingTime(item.addedAt)} ${item.addedByName}`.trim(),
  }));
  const checklist = view.checklist.map((item) => {
    const count = view.materials.filter((material) => material.kind === item.kind).length;
    return {
      key: item.kind,
      label: `${item.label}（${item.required ? '必须' : '如有'}）`,
      status: count > 0 ? `已上传 ${count} 张` : item.originalChecked ? '未上传，入户时核验原件' : '未上传',
      missing: count === 0 && item.required,
    };
  });

  let reliefFirst: CaseDetailScreen['reliefFirst'] = null;
  if (view.reliefFirst) {
    const explanation = view.reliefFirst.explanation;
    const due = view.deadlines.find((deadline) => deadline.kind === 'explanation');
    const lines = [
      `${formatBeijingTime(view.reliefFirst.at, true)} ${view.reliefFirst.byName} 先行发放`,
      `紧急情况：${view.reliefFirst.urgency}`,
    ];
    if (explanation) {
      lines.push(
        `补办说明：${explanation.text}`,
        `${explanation.byName} ${explanation.ratified ? '已追认' : '未予追认'}（${formatBeijingTime(explanation.at, true)}）`,
      );
      // R-PROC-5: money not ratified goes to the township, which recovers or writes it off.
      if (!explanation.ratified) lines.push(`乡镇处理：${unratifiedText(view.reliefFirst.outcome)}`);
    } else {
      lines.push(due ? `待补办说明和审批：${due.text}` : '待补办说明和审批');
    }
    reliefFirst = { title: '先行救助（R-PROC-5）', lines, pending: explanation === null };
  }

  const progress: InfoRow[] = [];
  if (view.visit) {
    progress.push({
      key: 'visit',
      label: '入户核查',
      value: `${formatBeijingTime(view.visit.visitedAt, true)} ${view.visit.visitors.join('、')}：${view.visit.findings}`,
    });
    progress.push({ key: 'opinion', label: '审核意见', value: planText(view.visit.opinion) });
  }
  if (view.proposal) progress.push({ key: 'proposal', label: '审批意见', value: planText(view.proposal) });
  if (view.decision) {
    progress.push({
      key: 'decision',
      label: view.decision.outcome === 'approved' ? '批准' : '不予批准',
      value: `${planText(view.decision)}（${view.decision.byName}）`,
    });
  }
  if (view.payout) {
    progress.push({
      key: 'payout',
      label: '发放',
      value: `${formatBeijingTime(view.payout.paidAt, true)} ${view.payout.methodLabel} ${formatYuan(view.payout.amountFen)}，领款人 ${view.payout.recipientName}（${view.payout.paidByName} 经办）`,
    });
  }
  if (view.receipt) {
    progress.push({
      key: 'receipt',
      label: '签收',
      value: `${view.receipt.method === 'photo' ? '签收单照片' : '领款人确认'}（${view.receipt.byName}，${formatBeijingTime(view.receipt.at, true)}）`,
    });
  }
  if (view.referrals.length) {
    progress.push({
      key: 'referrals',
      label: '转介帮扶',
      value: view.referrals
        .map((referral) => `${referral.kindLabel}（${referral.township?.statusText ?? referral.statusLabel}）`)
        .join('；'),
    });
  }

  const repeat: CaseDetailScreen['repeat'] = view.repeatCases.length
    ? {
        title: `重复救助提示：${view.person.name}此前因「${view.causeLabel}」已有 ${view.repeatCases.length} 个案件`,
        note: '请核实是否属于同一困难重复申请。这是提示，不影响受理和审批；办理时将记录您已看到这些案件。',
        cases: view.repeatCases.map((other) => ({
          id: other.id,
          text: [
            `编号 ${other.caseNo}`,
            other.stateLabel,
            other.reliefTypeLabel,
            other.amountFen !== null ? formatYuan(other.amountFen) : null,
            other.paidAt
              ? `${formatBeijingTime(other.paidAt, true)}发放`
              : `${formatBeijingTime(other.createdAt, true)}立案`,
          ]
            .filter(Boolean)
            .join(' · '),
        })),
      }
    : null;

  const receiptDue = has('confirmReceipt');
  return {
    name: view.person.name,
    caseNo: `编号 ${view.caseNo}`,
    stateLabel: view.stateLabel,
    originLabel: view.originLabel,
    amountText: view.amountFen === null ? '' : formatYuan(view.amountFen),
    deadlines,
    anyOverdue: deadlines.some((deadline) => deadline.overdue),
    waitLine: view.decisionWait ? { text: view.decisionWait.text, overdue: view.decisionWait.overdue } : null,
    deciderText: deciderText(view),
    who,
    idNumber: { masked: view.person.maskedIdNumber, full: view.person.idNumber },
    what,
    listCheck: { summary: view.listCheck.summary, mismatches: view.listCheck.mismatches },
    eligibility: {
      outcome: view.eligibility.outcome,
      summary: view.eligibility.summary,
      reasons: view.eligibility.reasons,
    },
    consentText: `${CONSENT_METHOD_LABELS[view.consent.method] ?? view.consent.method}：个人信息处理${view.consent.processing ? '已同意' : '未同意'}，救助公示${view.consent.publicNotice ? '已同意' : '未同意'}（${formatBeijingTime(view.consent.at, true)}，告知书版本 ${view.consent.textVersion}）`,
    materials,
    checklist,
    reliefFirst,
    progress,
    repeat,
    repeatCaseIds: view.repeatCases.map((other) => other.id),
    timeline: [...view.timeline]
      .sort((a, b) => a.seq - b.seq)
      .map((entry) => ({
        key: String(entry.seq),
        label: entry.label,
        timeText: formatBeijingTime(entry.at, true),
        who: [entry.actorRoleLabel, entry.actorName].filter(Boolean).join(' '),
        summary: entry.summary,
      })),
    recused: view.recused,
    can: {
      accept: has('accept'),
      decline: has('decline'),
      addMaterials: has('addMaterials'),
      receipt: receiptDue,
      close: has('close'),
    },
    navActions: navActionsFor(view.id, actions),
    recordLinks: [
      { key: 'caseFile', label: '一人一档', url: caseFileUrl(view.id), primary: false },
      ...(has('addReferral') || view.referrals.length > 0
        ? [{ key: 'referrals', label: '转介与回访', url: referralsUrl(view.id), primary: false }]
        : []),
      // Beyond the society's authority (R-CAP-1/2): handed over from the decision page.
      ...(has('referTownship') && !view.referrals.some((referral) => referral.township && !referral.township.outcome)
        ? [{ key: 'township', label: '转乡镇临时救助', url: decisionUrl(view.id), primary: false }]
        : []),
      // Issue 13: 帮办 linked to this case, for an officer who may act on it (the page lists the society's).
      ...(actions.length > 0
        ? [{ key: 'helps', label: '帮办政府救助', url: helpsForCaseUrl(view.societyId, view.id), primary: false }]
        : []),
    ],
    materialKinds: materialKindOptions(view),
    endReason: view.endReason ?? '',
  };
}

/** Who decides a proposed case, and why when it is not the president; '' when nothing waits for a decision. */
export function deciderText(view: Pick<OfficerCaseView, 'decider'>): string {
  const decider = view.decider;
  if (!decider) return '';
  return decider.reason || `由${decider.name}审批`;
}

function planText(plan: {
  reliefTypeLabel: string | null;
  formLabel: string | null;
  amountFen: number;
  tierLabel: string | null;
  reason: string;
  recommend: 'grant' | 'deny';
}): string {
  if (plan.recommend === 'deny') return `建议不予救助：${plan.reason}`;
  const parts = [
    plan.reliefTypeLabel,
    plan.formLabel,
    plan.tierLabel,
    plan.amountFen > 0 ? formatYuan(plan.amountFen) : null,
  ];
  return `${parts.filter(Boolean).join(' · ')}；${plan.reason}`;
}

/** '' when the reason may go; the Chinese prompt otherwise. */
export function declineProblem(reason: string): string {
  return reason.trim() ? '' : DECLINE_REASON_MISSING;
}

/** The checklist's kinds (missing required ones first) and 「其他材料」. */
export function materialKindOptions(view: Pick<OfficerCaseView, 'checklist' | 'materials'>): Array<{
  value: MaterialKind;
  label: string;
}> {
  const missing = (kind: MaterialKind) => !view.materials.some((material) => material.kind === kind);
  const items = [...view.checklist].sort(
    (a, b) => Number(b.required && missing(b.kind)) - Number(a.required && missing(a.kind)),
  );
  const kinds = [...new Set<MaterialKind>([...items.map((item) => item.kind), 'other'])];
  return kinds.map((kind) => ({ value: kind, label: MATERIAL_KIND_LABELS[kind] }));
}
