/** Calls and fixtures the notices tests share. */
import { COLLECTIONS } from '../../server/collections';
import type { AuditHeadDoc } from '../../server/audit/trail';
import { CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { TestBackend } from '../support/test-backend';

export const WANGJIA = 'soc-wangjia';
export const LIUTANG = 'soc-liutang';

export function api(backend: TestBackend) {
  async function ok<T = Record<string, unknown>>(
    fn: string,
    action: string,
    payload: Record<string, unknown>,
    openid: string | null,
  ): Promise<T> {
    const result = await backend.call(fn, { action, ...payload }, openid);
    if (!result.ok) {
      throw new Error(`${fn}.${action} as ${openid} failed: ${result.error.code} ${result.error.message}`);
    }
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
  const notices = {
    ok: <T = Record<string, unknown>>(action: string, payload: Record<string, unknown>, openid: string | null) =>
      ok<T>('notices', action, payload, openid),
    refused: (action: string, payload: Record<string, unknown>, openid: string | null) =>
      refused('notices', action, payload, openid),
  };
  return { ok, refused, notices };
}

/** Every collection's document count and every audit head: what a refused or read-only call must leave as it was. */
export async function footprint(backend: TestBackend): Promise<Record<string, unknown>> {
  const { store } = backend.ports;
  const counts: Record<string, unknown> = {};
  for (const name of Object.values(COLLECTIONS)) counts[name] = await store.count(name);
  const heads = await store.find<AuditHeadDoc>(COLLECTIONS.auditHeads, { limit: 1000 });
  counts.heads = heads.map((head) => `${head._id}@${head.seq}`).sort();
  const versions = await store.find<{ _id: string; version?: number }>(COLLECTIONS.notices, { limit: 1000 });
  counts.noticeVersions = versions.map((doc) => `${doc._id}@${doc.version ?? 0}`).sort();
  return counts;
}

let sequence = 300;
export function newIdNumber(birthDate = '1970-01-01'): string {
  sequence += 2;
  return makeIdNumber({ birthDate, sequence });
}

export interface PaidCaseSpec {
  name: string;
  cause?: 'majorIllness' | 'accident' | 'other';
  description?: string;
  /** Emergency by default (an expenditure-hardship household). */
  supplementary?: boolean;
  amountFen?: number;
  tierId?: string;
  consentToNotice?: boolean;
  phone?: string | null;
  method?: 'cash' | 'transfer' | 'goods';
  /** Originals the visit checked (none by default). */
  originalsChecked?: string[];
  /** What the visitors wrote (sealed; never published). */
  findings?: string;
}

/**
 * A case paid through the relief-cases functions as the demo officers would: the secretary
 * opens it (主动发现), visits and proposes, the president approves, the secretary pays.
 */
export async function payCase(backend: TestBackend, spec: PaidCaseSpec): Promise<string> {
  const { ok } = api(backend);
  const supplementary = spec.supplementary ?? false;
  const tierId = spec.tierId ?? (supplementary ? 's2' : 'e2');
  const amountFen = spec.amountFen ?? (supplementary ? 300_00 : 600_00);
  const opened = await ok<{ id: string }>(
    'approvals',
    'openDiscovery',
    {
      requestId: `disc-${Math.random().toString(36).slice(2, 12)}`,
      societyId: WANGJIA,
      person: { name: spec.name, idNumber: newIdNumber(), phone: spec.phone ?? null },
      hukou: 'beneficiary',
      cause: spec.cause ?? 'majorIllness',
      description: spec.description ?? '突发脑出血住院，医疗费用支出大',
      assistance: supplementary ? ['dibao'] : [],
      category: supplementary ? 'other' : 'expenditureHardship',
      livingAtRisk: true,
      discoveredHow: '入户走访中发现',
      consent: {
        processing: true,
        publicNotice: spec.consentToNotice ?? true,
        textVersion: CONSENT_TEXT_VERSION,
        method: 'signed',
      },
    },
    'demo-secretary',
  );
  const caseId = opened.id;
  const opinion = { recommend: 'grant', form: 'cash', amountFen, tierId, reason: '情况属实，建议救助' };
  await ok(
    'approvals',
    'recordVisit',
    {
      caseId,
      visitedAt: '2026-11-30T10:00:00+08:00',
      visitors: [{ name: '刘芳', userId: 'u-liufang' }, { name: '王建军' }],
      findings: spec.findings ?? '情况属实，家中确有困难',
      originalsChecked: spec.originalsChecked ?? [],
      opinion,
    },
    'demo-secretary',
  );
  await ok('approvals', 'propose', { caseId, ...opinion }, 'demo-secretary');
  await ok('approvals', 'approve', { caseId }, 'demo-president');
  await ok(
    'approvals',
    'disburse',
    { requestId: `pay-${caseId}`.slice(0, 60), caseId, method: spec.method ?? 'cash', amountFen },
    'demo-secretary',
  );
  return caseId;
}
