/**
 * Which roles the caller may act in on one society, for the officer pages: the society roles
 * they hold there, plus the area roles (township, county, federation) whose coverage the cloud
 * checks. The cloud decides every action; the pages only hide what would be refused.
 */
import { CloudCallError } from '../../../services/cloud';
import type { MeView, Role } from '../../../domain/society';

const AREA_ROLES: readonly Role[] = ['township', 'county', 'federation'];

export function rolesFor(me: MeView, societyId: string): Role[] {
  const roles = me.roles
    .filter((grant) => grant.societyId === societyId || (grant.societyId === null && AREA_ROLES.includes(grant.role)))
    .map((grant) => grant.role);
  return [...new Set(roles)];
}

export function holdsAny(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => roles.includes(role));
}

/** The cloud's FORBIDDEN becomes the page's 'forbidden' screen; any other error is thrown on. */
export async function orForbidden<T>(work: Promise<T>): Promise<T | 'forbidden'> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
    throw err;
  }
}

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从工作台重新打开';
