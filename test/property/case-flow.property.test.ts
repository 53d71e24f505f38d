/**
 * Model-based property test of the relief case flow (R-PROC-1..7, R-FUND-3, issue 15), through the
 * real dispatch over the seeded SQLite store. fast-check draws, for a new application, a sequence
 * of steps by the people who take them (accept, decline, withdraw, visit, propose, approve,
 * reject, pay with a request id from a small pool, confirm, close), some of them sent twice at
 * once. Whatever the order, after each step:
 * - a step that succeeded moved the case along an edge of CASE_TRANSITIONS;
 * - a step that was refused committed nothing (the store's commit mark did not move) and never
 *   answered INTERNAL;
 * - the fund dropped by the payout exactly once if the case was paid, and not at all otherwise;
 *   the case has at most one ledger entry and the ledger verifies.
 *
 * Runs: JJN_PROPERTY_RUNS (default 40 here in `npm test`; `npm run test:deep` runs 10,000).
 */
import fc from 'fast-check';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { application, balanceOf, caller, SOCIETY, visit } from '../cases/helpers';
import { CASE_TRANSITIONS, type CaseState, type CaseStep, type MyCaseView } from '../../miniprogram/domain/case';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { LedgerEntryDoc } from '../../server/ledger/ledger';
import { verifyLedger } from '../../server/reports/statement';
import type { CaseDoc } from '../../server/cases/model';
import type { Envelope } from '../../server/errors';

const RUNS = Math.min(Number(process.env.JJN_PROPERTY_RUNS ?? 40), 10_000);
jest.setTimeout(Math.max(180_000, RUNS * 1_000));

const AMOUNT_FEN = 300_00;

type Move =
  | 'accept'
  | 'decline'
  | 'withdraw'
  | 'recordVisit'
  | 'propose'
  | 'approve'
  | 'reject'
  | 'disburse'
  | 'confirmReceipt'
  | 'close';

interface Call {
  fn: string;
  event: Record<string, unknown>;
  openid: string;
  step: CaseStep;
}

function callFor(move: Move, caseId: string, payKey: number): Call {
  const officer = (event: Record<string, unknown>, step: CaseStep, openid = 'demo-secretary'): Call => ({
    fn: 'approvals',
    event,
    openid,
    step,
  });
  switch (move) {
    case 'accept':
      return officer({ action: 'accept', caseId }, 'accept');
    case 'decline':
      return officer({ action: 'decline', caseId, reason: '不属于本村户籍' }, 'decline');
    case 'withdraw':
      return {
        fn: 'applications',
        event: { action: 'withdraw', caseId, reason: '' },
        openid: 'demo-applicant',
        step: 'withdraw',
      };
    case 'recordVisit':
      return officer(
        {
          action: 'recordVisit',
          ...visit(caseId, { recommend: 'grant', form: 'cash', amountFen: AMOUNT_FEN, tierId: 's2' }),
        },
        'recordVisit',
      );
    case 'propose':
      return officer(
        {
          action: 'propose',
          caseId,
          recommend: 'grant',
          form: 'cash',
          amountFen: AMOUNT_FEN,
          tierId: 's2',
          reason: '建议按二档救助',
        },
        'propose',
      );
    case 'approve':
      return officer({ action: 'approve', caseId, note: '同意' }, 'approve', 'demo-president');
    case 'reject':
      return officer({ action: 'reject', caseId, reason: '经核实不符合条件' }, 'reject', 'demo-president');
    case 'disburse':
      return officer(
        { action: 'disburse', caseId, requestId: `pay-${caseId}-${payKey}`, method: 'cash', amountFen: AMOUNT_FEN },
        'disburse',
      );
    case 'confirmReceipt':
      return {
        fn: 'applications',
        event: { action: 'confirmReceipt', caseId },
        openid: 'demo-applicant',
        step: 'confirmReceipt',
      };
    case 'close':
      return officer({ action: 'close', caseId, note: '' }, 'close');
  }
}

const MOVES: readonly Move[] = [
  'accept',
  'decline',
  'withdraw',
  'recordVisit',
  'propose',
  'approve',
  'reject',
  'disburse',
  'confirmReceipt',
  'close',
];
/** The happy path is drawn more often, so runs get far into the flow. */
const move = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Move>('accept', 'recordVisit', 'propose', 'approve', 'disburse', 'close') },
  { weight: 1, arbitrary: fc.constantFrom<Move>(...MOVES) },
);
const step = fc.record({ move, payKey: fc.integer({ min: 0, max: 2 }), twice: fc.boolean() });

let backend: TestBackend;
beforeAll(async () => {
  // No overview is read here: the overviews' digests are left to the timer, which never runs.
  backend = await createTestBackend({ digests: 'timer' });
});
afterAll(() => backend.close());

async function stateOf(caseId: string): Promise<CaseState> {
  return (await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId))!.state;
}

describe('the case flow, model-based over the real dispatch', () => {
  it(`moves only along CASE_TRANSITIONS, refusals write nothing, money moves once (${RUNS} runs)`, async () => {
    const api = caller(backend);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const submitted = await api.ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
        const caseId = submitted.id;
        const fundBefore = await balanceOf(backend);
        for (const { move: chosen, payKey, twice } of steps) {
          const call = callFor(chosen, caseId, payKey);
          const before = await stateOf(caseId);
          const mark = backend.ports.store.commitMark();
          const answers: Envelope[] = twice
            ? await Promise.all([0, 1].map(() => backend.call(call.fn, call.event, call.openid)))
            : [await backend.call(call.fn, call.event, call.openid)];
          const after = await stateOf(caseId);
          for (const answer of answers) {
            if (!answer.ok) expect(answer.error.code).not.toBe('INTERNAL');
          }
          if (answers.every((answer) => !answer.ok)) {
            expect(backend.ports.store.commitMark()).toBe(mark);
            expect(after).toBe(before);
          } else if (after !== before) {
            expect(CASE_TRANSITIONS.some((t) => t.step === call.step && t.from === before && t.to === after)).toBe(
              true,
            );
          }
          const entries = await findAll<LedgerEntryDoc>(backend.ports.store, COLLECTIONS.ledgerEntries, {
            where: { sourceRef: `case:${caseId}` },
          });
          const paid = after === 'paid' || after === 'closed';
          expect(entries).toHaveLength(paid ? 1 : 0);
          expect(await balanceOf(backend)).toBe(fundBefore - (paid ? AMOUNT_FEN : 0));
        }
        expect((await verifyLedger(backend.ports.store, SOCIETY)).problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
