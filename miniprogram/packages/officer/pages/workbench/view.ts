/** Shapes the officer's society for the workbench. Pure: tested without rendering. */
import { OFFICER_ROLES } from '../../../../domain/society';
import type { MeView, Role, RoleGrant, SocietyPublicView } from '../../../../domain/society';
import { entryLinks, WORKBENCH_ENTRIES, type EntryLink } from '../../../../domain/entries';
import { toSocietyScreen } from '../../../../pages/society/view';
import type { SocietyScreen } from '../../../../pages/society/view';

export const NOT_AN_OFFICER_MESSAGE = '您不是互助社的秘书长或社长，不能使用工作台';
export const CASES_COMING_NOTE = '案件受理、入户核查、审批和发放，将随救助案件功能开放。';

export interface OfficerSeat {
  societyId: string;
  /** 秘书长, or 秘书长、社长 when one person holds both. */
  roleLabels: string;
  roles: Role[];
}

/** The society the workbench opens: the one asked for if the caller is its officer, else their first. */
export function pickOfficerSeat(me: MeView, societyId?: string): OfficerSeat | null {
  const grants = me.roles.filter(
    (grant): grant is RoleGrant & { societyId: string } =>
      OFFICER_ROLES.includes(grant.role) && grant.societyId !== null,
  );
  const chosen = grants.find((grant) => grant.societyId === societyId) ?? grants[0];
  if (!chosen) return null;
  const labels = grants.filter((grant) => grant.societyId === chosen.societyId).map((grant) => grant.roleLabel);
  const roles = grants.filter((grant) => grant.societyId === chosen.societyId).map((grant) => grant.role);
  return { societyId: chosen.societyId, roleLabels: [...new Set(labels)].join('、'), roles: [...new Set(roles)] };
}

export interface WorkbenchScreen extends SocietyScreen {
  officerName: string;
  roleLabels: string;
  /** The officer pages this seat may open, for its society. */
  entries: EntryLink[];
}

export function toWorkbenchScreen(me: MeView, seat: OfficerSeat, society: SocietyPublicView): WorkbenchScreen {
  return {
    ...toSocietyScreen(society),
    officerName: me.name ?? '',
    roleLabels: seat.roleLabels,
    entries: entryLinks(WORKBENCH_ENTRIES, seat.roles, seat.societyId),
  };
}

/** Beside the 接收办理提醒 button: what one authorisation buys, and that nothing depends on it. */
export const REMINDERS_NOTE =
  '每点一次“接收办理提醒”并同意，可收到一条新申请或办理期限提醒（期限前4个工作小时）；不订阅也可以在这里查看全部案件。';
export const SUBSCRIBED_MESSAGE = '已订阅，有新申请或期限将到时会提醒您';
