/**
 * Who may do what with notices: the society's secretary and president publish and answer; the
 * archive is for members, the supervision committee, township and county (R-PROC-6); the
 * objections are for the officers and every overseer (R-OVS-2); anyone reads a live notice.
 */
import { AppError } from '../errors';
import type { SocietyDoc } from '../collections';
import { actorOf, coversSociety, type Actor, type Caller } from '../access/caller';
import { isRecused } from '../cases/access';
import type { Role } from '../../miniprogram/domain/society';

export const NOTICE_OFFICERS: readonly Role[] = ['secretary', 'president'];
export const ARCHIVE_READERS: readonly Role[] = [
  'member',
  'secretary',
  'president',
  'supervisor',
  'township',
  'county',
];
export const OBJECTION_READERS: readonly Role[] = ['secretary', 'president', 'supervisor', 'township', 'county'];
/** An objector's contact stays in the village: the society's officers and supervision committee. */
export const CONTACT_READERS: readonly Role[] = ['secretary', 'president', 'supervisor'];
export const SUPERVISORS: readonly Role[] = ['supervisor'];
export const OVERSEERS: readonly Role[] = ['township', 'county'];

/** The first of `roles` through which the caller covers this society, or null. */
export function coveringRole(caller: Caller, roles: readonly Role[], society: SocietyDoc): Role | null {
  return roles.find((role) => coversSociety(caller, [role], society)) ?? null;
}

export function requireCovering(
  caller: Caller,
  roles: readonly Role[],
  society: SocietyDoc,
  userMessage?: string,
): Role {
  const role = coveringRole(caller, roles, society);
  if (!role) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.openid ?? 'anonymous'} holds none of [${roles.join(',')}] for society ${society._id}`,
      userMessage,
    );
  }
  return role;
}

/** A secretary or president of this society (never through an area role). */
export function requireNoticeOfficer(caller: Caller, society: SocietyDoc): Actor {
  const role = requireCovering(caller, NOTICE_OFFICERS, society, '只有本社秘书长或社长可以办理公示');
  return actorOf(caller, role);
}

/** An officer stays out of the notice and objections of their own household's case. */
export function requireNotRecusedFrom(
  caller: Caller,
  paid: { householdId: string; applicantUserId: string | null; caseId: string },
): void {
  if (isRecused(caller, paid)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? '?'} is recused from case ${paid.caseId} (own household)`,
      '这是您本户的救助案件，按规定须回避，请由其他工作人员办理',
    );
  }
}
