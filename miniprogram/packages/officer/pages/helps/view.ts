/** 帮办: the society's help with government programmes, and the forms to record and update it. Pure. */
import {
  HELP_OUTCOME_LABELS,
  PROGRAMMES,
  PROGRAMME_LABELS,
  type HelpOutcome,
  type Programme,
  type ProgrammeHelpView,
} from '../../../../domain/clues';
import { caseDetailUrl } from '../cases/view';

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从工作台进入';
export const FORBIDDEN_HELPS_MESSAGE = '您不是本互助社的工作人员或监督委员会成员，不能查看帮办记录';
export const NO_HELPS_MESSAGE = '还没有帮办记录。帮助群众申请低保、特困、临时救助、医疗救助等，可在这里登记和跟进。';

export const PROGRAMME_OPTIONS = PROGRAMMES.map((value) => ({ value, label: PROGRAMME_LABELS[value] }));
export const OUTCOME_OPTIONS = (['pending', 'approved', 'refused'] as const).map((value) => ({
  value,
  label: HELP_OUTCOME_LABELS[value],
}));

export const HELP_OUTCOME_THEMES: Record<HelpOutcome, string> = {
  pending: 'warning',
  approved: 'success',
  refused: 'default',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Beijing, YYYY-MM-DD. */
export function beijingToday(nowMs: number): string {
  return new Date(nowMs + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export interface HelpForm {
  personName: string;
  programme: Programme | '';
  programmeNote: string;
  appliedOn: string;
  followUpOn: string;
}

export function emptyHelpForm(today: string): HelpForm {
  return { personName: '', programme: '', programmeNote: '', appliedOn: today, followUpOn: '' };
}

export function helpProblem(form: HelpForm, today: string): string {
  if (!form.personName.trim()) return '请填写帮办对象的姓名';
  if (!form.programme) return '请选择帮办的项目';
  if (form.programme === 'other' && !form.programmeNote.trim()) return '选择「其他」时请写明帮办的是什么项目';
  if (!DATE.test(form.appliedOn)) return '申请日期请按 2026-11-30 的格式填写';
  if (form.appliedOn > today) return '申请日期不能晚于今天';
  if (form.followUpOn && !DATE.test(form.followUpOn)) return '跟进日期请按 2026-12-07 的格式填写';
  if (form.followUpOn && form.followUpOn < form.appliedOn) return '跟进日期不能早于申请日期';
  return '';
}

export interface UpdateForm {
  helpId: string;
  outcome: HelpOutcome;
  outcomeText: string;
  followUpOn: string;
}

export function updateProblem(form: UpdateForm): string {
  if (form.outcome !== 'pending' && !form.outcomeText.trim()) return '请写明办理结果（如批准的类别、未获批的原因）';
  if (form.followUpOn && !DATE.test(form.followUpOn)) return '跟进日期请按 2026-12-07 的格式填写';
  return '';
}

export interface HelpRow {
  id: string;
  personName: string;
  programmeLabel: string;
  outcome: HelpOutcome;
  outcomeLabel: string;
  outcomeTheme: string;
  outcomeText: string;
  appliedText: string;
  followUpText: string;
  /** Follow-up date passed while still pending. */
  followUpDue: boolean;
  caseText: string;
  caseUrl: string;
}

export function toHelpRow(view: ProgrammeHelpView, today: string): HelpRow {
  return {
    id: view.id,
    personName: view.personName,
    programmeLabel: view.programmeLabel,
    outcome: view.outcome,
    outcomeLabel: view.outcomeLabel,
    outcomeTheme: HELP_OUTCOME_THEMES[view.outcome],
    outcomeText: view.outcomeText,
    appliedText: `${view.appliedOn} 申请`,
    followUpText: view.followUpOn ? `${view.followUpOn} 跟进` : '',
    followUpDue: view.outcome === 'pending' && view.followUpOn !== null && view.followUpOn <= today,
    caseText: view.caseNo ? `关联案件 ${view.caseNo}` : '',
    caseUrl: view.caseId ? caseDetailUrl(view.caseId) : '',
  };
}
