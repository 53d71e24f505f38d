/** Calls and fixtures the case tests share. */
import { COLLECTIONS } from '../../server/collections';
import type { FundDoc } from '../../server/ledger/ledger';
import { CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { TestBackend } from '../support/test-backend';
import dayjs from 'dayjs';
import { countCaseEvents } from '../support/case-events';

export const SOCIETY = 'soc-wangjia';

export function caller(backend: TestBackend) {
  async function ok<T = Record<string, unknown>>(
    fn: string,
    action: string,
    payload: Record<string, unknown>,
    openid: string | null,
  ): Promise<T> {
    const result = await backend.call(fn, { action, ...payload }, openid);
    if (!result.ok)
      throw new Error(`${fn}.${action} as ${openid} failed: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  }
  async function refused(
    fn: string,
    action: string,
    payload: Record<string, unknown>,
    openid: string | null,
  ): Promise<{ code: string; message: string }> {
    const result = await backend.call(fn, { action, ...payload }, openid);
    if (result.ok) throw new Error(`${fn}.${action} as ${openid} should have been refused`);
    return result.error;
  }
  return { ok, refused };
}

/** What a refused call must leave untouched. */
export async function footprint(backend: TestBackend, societyId = SOCIETY) {
  const { store } = backend.ports;
  const fund = await store.get<FundDoc>(COLLECTIONS.funds, societyId);
  return {
    cases: await store.count(COLLECTIONS.cases),
    events: await countCaseEvents(store),
    ledger: await store.count(COLLECTIONS.ledgerEntries),
    audit: await store.count(COLLECTIONS.auditEvents),
    balanceFen: fund?.balanceFen ?? 0,
    caseVersions: (await store.find<{ _id: string; version: number }>(COLLECTIONS.cases, { limit: 1000 }))
      .map((doc) => `${doc._id}@${doc.version}`)
      .sort()
      .join(','),
  };
}

export async function balanceOf(backend: TestBackend, societyId = SOCIETY): Promise<number> {
  return (await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, societyId))!.balanceFen;
}

export const consent = { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION };

let issued = 50;
/**
 * A new valid ID number for each call: the sequence (even, as before) runs 102…998, and each time
 * it wraps the birth date moves on a day, so long property runs never run out (the sequence has
 * three digits).
 */
export function newIdNumber(birthDate = '1990-01-01'): string {
  issued += 1;
  const sequence = (issued % 500) * 2;
  const day = dayjs(birthDate)
    .add(Math.floor(issued / 500), 'day')
    .format('YYYY-MM-DD');
  return makeIdNumber({ birthDate: day, sequence });
}

/** An application payload for 李秀英's household (a 低保 household: supplementary relief). */
export function application(overrides: Record<string, unknown> = {}) {
  return {
    requestId: `req-${Math.random().toString(36).slice(2, 12)}`,
    societyId: SOCIETY,
    beneficiary: { name: '张小军', idNumber: newIdNumber('2006-04-02'), relationship: 'child' },
    hukou: 'beneficiary',
    cause: 'accident',
    description: '骑电动车摔伤腿骨骨折，住院手术',
    assistance: ['dibao'],
    category: 'other',
    livingAtRisk: true,
    consent,
    ...overrides,
  };
}

/** A discovery payload: an expenditure-hardship household (emergency relief). */
export function discovery(overrides: Record<string, unknown> = {}) {
  return {
    requestId: `disc-${Math.random().toString(36).slice(2, 12)}`,
    societyId: SOCIETY,
    person: { name: '孙秀珍', idNumber: newIdNumber('1950-09-09') },
    hukou: 'beneficiary',
    cause: 'majorIllness',
    description: '独居老人，突发心梗住院，医疗费用支出大',
    assistance: [],
    category: 'expenditureHardship',
    livingAtRisk: true,
    discoveredHow: '入户走访中发现',
    consent: { ...consent, method: 'verbal' },
    ...overrides,
  };
}

export const visit = (caseId: string, opinion: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  caseId,
  visitedAt: '2026-11-30T10:00:00+08:00',
  visitors: [{ name: '刘芳', userId: 'u-liufang' }, { name: '王建军' }],
  findings: '情况属实，家中确有困难',
  photoFileIds: [] as string[],
  originalsChecked: ['householdBook', 'idCard'],
  opinion: { reason: '情况属实，建议救助', ...opinion },
  ...extra,
});
