/**
 * Who may do what with a case: the society's officers act (never on their own household's case),
 * the president or the society's second approver decides (never on their own proposal), the
 * supervisor reads, the applicant sees their own cases only.
 */
import { AppError } from '../errors';
import type { SocietyDoc, UserDoc } from '../collections';
import { actorOf, coversSociety, type Actor, type Caller } from '../access/caller';
import type { Role } from '../../miniprogram/domain/society';
import type { CaseDoc, ReliefSettingsDoc } from './model';

export const OFFICERS: readonly Role[] = ['secretary', 'president'];
/** Read every case of the society, with personal information (DESIGN: officers and supervisor). */
export const CASE_READERS: readonly Role[] = ['secretary', 'president', 'supervisor'];

/** The caller's role in this society among `roles` (the first they hold), or null. */
export function roleIn(caller: Caller, society: SocietyDoc, roles: readonly Role[]): Role | null {
  for (const role of roles) {
    if (caller.grants.some((grant) => grant.role === role && grant.societyId === society._id)) return role;
  }
  return null;
}

export function householdOf(user: Pick<UserDoc, '_id' | 'householdId'>): string {
  return user.householdId ?? `user:${user._id}`;
}

/** An officer stays out of a case of their own household, and out of one they applied for. */
export function isRecused(caller: Caller, doc: Pick<CaseDoc, 'householdId' | 'applicantUserId'>): boolean {
  const user = caller.user;
  if (!user) return false;
  return doc.applicantUserId === user._id || doc.householdId === householdOf(user);
}

export const RECUSAL_MESSAGE = '这是您本户的救助案件，按规定须回避，请由其他工作人员办理';

export function requireNotRecused(caller: Caller, doc: CaseDoc): void {
  if (isRecused(caller, doc)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? '?'} is recused from case ${doc._id} (own household)`,
      RECUSAL_MESSAGE,
    );
  }
}

/** A secretary or president of the society; returns who they are for the record. */
export function requireOfficer(caller: Caller, society: SocietyDoc): Actor {
  const role = roleIn(caller, society, OFFICERS);
  if (!role) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? caller.openid ?? '?'} is no officer of ${society._id}`,
    );
  }
  return actorOf(caller, role);
}

export function requireReader(caller: Caller, society: SocietyDoc): Role {
  const role = roleIn(caller, society, CASE_READERS);
  if (!role) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? caller.openid ?? '?'} may not read ${society._id}'s cases`,
    );
  }
  return role;
}

/** The president, or the officer the society named as second approver (R-PROC: decision within authority). */
export function isApprover(caller: Caller, society: SocietyDoc, settings: ReliefSettingsDoc | null): boolean {
  if (roleIn(caller, society, ['president'])) return true;
  const second = settings?.secondApproverUserId ?? null;
  return second !== null && caller.user?._id === second && roleIn(caller, society, OFFICERS) !== null;
}

export function requireApprover(
  caller: Caller,
  society: SocietyDoc,
  settings: ReliefSettingsDoc | null,
  doc: CaseDoc,
): Actor {
  if (!isApprover(caller, society, settings)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? '?'} is neither president nor second approver of ${society._id}`,
      '只有社长或互助社指定的审批人可以审批',
    );
  }
  requireNotRecused(caller, doc);
  // Four eyes: whoever proposed the relief, or paid it first (先行救助), does not also decide it.
  const own = [doc.proposal?.by.userId, doc.reliefFirst?.by.userId].filter((id): id is string => !!id);
  if (caller.user && own.includes(caller.user._id)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user._id} proposed or paid case ${doc._id} and may not decide it`,
      '提出意见或先行发放的人不能再审批同一案件，请由社长或另一位审批人审批',
    );
  }
  return actorOf(caller, roleIn(caller, society, ['president']) ?? roleIn(caller, society, OFFICERS));
}

/** Township, county and federation see a society's overdue list (masked), besides its own officers. */
export function coversForOversight(caller: Caller, society: SocietyDoc): boolean {
  return coversSociety(caller, ['secretary', 'president', 'supervisor', 'township', 'county', 'federation'], society);
}
