/**
 * Model-based property tests of the ledger (R-FUND-3, issue 15) over both Store implementations:
 * SQLite (the local stack) and CloudBaseStore over the fake CloudBase database (production's
 * adapter). fast-check draws sequences of operations — entries in and out, reversals, retries with
 * the same entry id, the same id reused for another entry, batches sent concurrently — and injects
 * faults: a transaction that dies at its k-th store operation, for every k.
 *
 * After every operation the model and the store must agree, and the ledger must verify:
 * balance = Σ entries, never negative, each entry id applied once, numbers 1..n without gaps,
 * totals and month periods rebuilt from the entries equal to the stored ones.
 *
 * Runs: JJN_PROPERTY_RUNS (default 60 per store in `npm test`; `npm run test:deep` runs 10,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { SqliteStore } from '../../server/adapters/sqlite/store';
import { CloudBaseStore } from '../../server/adapters/cloudbase/store';
import { FakeCloudDatabase } from '../support/fake-cloudbase-db';
import { INDEXES, COLLECTIONS } from '../../server/collections';
import type { Store, Transaction } from '../../server/ports/store';
import {
  emptyFund,
  recordLedgerEntry,
  type FundDoc,
  type LedgerEntryInput,
  type OriginalEntryType,
} from '../../server/ledger/ledger';
import { verifyLedger } from '../../server/reports/statement';
import { AppError } from '../../server/errors';
import type { Actor } from '../../server/access/caller';

const RUNS = Number(process.env.JJN_PROPERTY_RUNS ?? 60);
// About 50–200 ms a run on this machine; a deep run on a loaded machine needs the room.
jest.setTimeout(Math.max(120_000, RUNS * 1_000));

const actor: Actor = { userId: 'u-secretary', openid: 'prop-secretary', name: '刘芳', role: 'secretary' };
const IN_TYPES: readonly OriginalEntryType[] = ['countySubsidy', 'collectiveFund', 'donation', 'bankInterest'];

class InjectedFault extends Error {}

/** A transaction that dies at its `failAt`-th store operation (1-based); 0 never dies. */
function faulty(tx: Transaction, failAt: number): Transaction {
  let step = 0;
  const tick = () => {
    step += 1;
    if (step === failAt) throw new InjectedFault(`fault injected at step ${failAt}`);
  };
  return {
    get: async (collection, id) => (tick(), tx.get(collection, id)),
    insert: async (collection, doc) => (tick(), tx.insert(collection, doc)),
    set: async (collection, doc) => (tick(), tx.set(collection, doc)),
    update: async (collection, id, patch) => (tick(), tx.update(collection, id, patch)),
  };
}

type Op =
  | {
      kind: 'record';
      id: number;
      type: OriginalEntryType | 'reliefPayout';
      amountFen: number;
      memo: string;
      failAt: number;
    }
  | { kind: 'reverse'; id: number; target: number; failAt: number }
  /** Sends an earlier entry again: a retry, or (with another memo) the same id reused for another entry. */
  | { kind: 'again'; pick: number; otherMemo: boolean; failAt: number }
  | { kind: 'concurrent'; ops: Array<{ id: number; type: OriginalEntryType | 'reliefPayout'; amountFen: number }> };

const entryIds = fc.integer({ min: 0, max: 11 });
const amounts = fc.integer({ min: 1, max: 5_000_00 });
const types = fc.constantFrom<OriginalEntryType | 'reliefPayout'>(...IN_TYPES, 'reliefPayout', 'reliefPayout');
const faults = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 12 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      id: entryIds,
      type: types,
      amountFen: amounts,
      memo: fc.constantFrom('', '收据', '更正'),
      failAt: faults,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      id: fc.integer({ min: 12, max: 17 }),
      target: entryIds,
      failAt: faults,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('again' as const),
      pick: fc.nat(),
      otherMemo: fc.boolean(),
      failAt: faults,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('concurrent' as const),
      ops: fc.array(fc.record({ id: entryIds, type: types, amountFen: amounts }), { minLength: 2, maxLength: 4 }),
    }),
  },
);

/** The model: what each entry id stands for, and what the ledger holds. */
interface ModelEntry {
  type: string;
  signedFen: number;
  memo: string;
  reverses: number | null;
}

function signed(type: string, amountFen: number): number {
  return type === 'reliefPayout' ? -amountFen : amountFen;
}

async function run(store: Store, societyId: string, ops: readonly Op[]): Promise<void> {
  const at = new Date('2026-11-30T02:00:00Z');
  await store.insert(COLLECTIONS.funds, emptyFund(societyId, at));
  const model = new Map<number, ModelEntry>();
  const reversed = new Set<number>();
  const balance = () => [...model.values()].reduce((sum, entry) => sum + entry.signedFen, 0);
  const entryId = (id: number) => `${societyId}-e${id}`;
  const record = (input: LedgerEntryInput, failAt = 0) =>
    store.transaction((tx) => recordLedgerEntry(faulty(tx, failAt), societyId, input, actor, at));
  const codeOf = async (promise: Promise<unknown>): Promise<string | null> => {
    try {
      await promise;
      return null;
    } catch (error) {
      if (error instanceof AppError) return error.code;
      if (error instanceof InjectedFault) return 'FAULT';
      throw error;
    }
  };

  const sent: Array<Extract<Op, { kind: 'record' }>> = [];
  for (const original of ops) {
    let step = original;
    if (step.kind === 'again') {
      if (sent.length === 0) continue;
      const earlier = sent[step.pick % sent.length]!;
      step = { ...earlier, memo: step.otherMemo ? `${earlier.memo}（改）` : earlier.memo, failAt: step.failAt };
    }
    if (step.kind === 'record') {
      sent.push(step);
      const input: LedgerEntryInput = {
        entryId: entryId(step.id),
        type: step.type,
        amountFen: step.amountFen,
        sourceRef: `ref-${step.id}`,
        memo: step.memo,
        ...(step.type === 'reliefPayout' ? { reliefType: 'supplementary' as const } : {}),
      };
      const known = model.get(step.id);
      const code = await codeOf(record(input, step.failAt));
      if (code === 'FAULT') {
        // A transaction that died changed nothing: checked below by comparing with the model.
      } else if (known) {
        const same =
          known.type === step.type &&
          known.signedFen === signed(step.type, step.amountFen) &&
          known.memo === step.memo &&
          known.reverses === null;
        expect(code).toBe(same ? null : 'DUPLICATE');
      } else if (balance() + signed(step.type, step.amountFen) < 0) {
        expect(code).toBe('INSUFFICIENT_FUNDS');
      } else {
        expect(code).toBeNull();
        model.set(step.id, {
          type: step.type,
          signedFen: signed(step.type, step.amountFen),
          memo: step.memo,
          reverses: null,
        });
      }
    } else if (step.kind === 'reverse') {
      const input: LedgerEntryInput = {
        entryId: entryId(step.id),
        type: 'reversal',
        reversesEntryId: entryId(step.target),
        sourceRef: `rev-${step.id}`,
      };
      const known = model.get(step.id);
      const target = model.get(step.target);
      const code = await codeOf(record(input, step.failAt));
      if (code === 'FAULT') {
        // nothing changed
      } else if (known) {
        expect(code).toBe(known.reverses === step.target ? null : 'DUPLICATE');
      } else if (!target) {
        expect(code).toBe('NOT_FOUND');
      } else if (target.reverses !== null || reversed.has(step.target)) {
        expect(code).toBe('INVALID_STATE');
      } else if (balance() - target.signedFen < 0) {
        expect(code).toBe('INSUFFICIENT_FUNDS');
      } else {
        expect(code).toBeNull();
        model.set(step.id, { type: 'reversal', signedFen: -target.signedFen, memo: '', reverses: step.target });
        reversed.add(step.target);
      }
    } else {
      // Sent at once: which of them win depends on timing, so the model learns the outcome from the
      // store, and the invariants below must hold whatever it was.
      const inputs = step.ops.map((item) => ({
        entryId: entryId(item.id),
        type: item.type,
        amountFen: item.amountFen,
        sourceRef: `ref-${item.id}`,
        memo: '并发',
        ...(item.type === 'reliefPayout' ? { reliefType: 'supplementary' as const } : {}),
      }));
      const results = await Promise.allSettled(inputs.map((input) => record(input)));
      for (const result of results) {
        if (result.status === 'rejected') {
          const error = result.reason as unknown;
          if (!(error instanceof AppError)) throw error;
          expect(['DUPLICATE', 'INSUFFICIENT_FUNDS', 'CONFLICT']).toContain(error.code);
        }
      }
      for (const item of step.ops) {
        if (model.has(item.id)) continue;
        const stored = await store.get<{ _id: string; type: string; amountFen: number; memo: string }>(
          COLLECTIONS.ledgerEntries,
          entryId(item.id),
        );
        if (stored)
          model.set(item.id, { type: stored.type, signedFen: stored.amountFen, memo: stored.memo, reverses: null });
      }
    }

    // The store agrees with the model, and the ledger verifies.
    const fund = await store.get<FundDoc>(COLLECTIONS.funds, societyId);
    expect(fund!.balanceFen).toBe(balance());
    expect(fund!.balanceFen).toBeGreaterThanOrEqual(0);
    expect(fund!.entryCount).toBe(model.size);
    const verification = await verifyLedger(store, societyId);
    expect(verification.problems).toEqual([]);
  }
}

const STORES: Array<[string, () => { store: Store; close(): Promise<void> }]> = [
  [
    'SQLite',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-prop-'));
      const store = SqliteStore.open({ file: path.join(dir, 'prop.sqlite'), indexes: INDEXES });
      return {
        store,
        close: async () => {
          await store.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'CloudBaseStore over the fake CloudBase database',
    () => ({ store: new CloudBaseStore(new FakeCloudDatabase()), close: async () => undefined }),
  ],
];

describe.each(STORES)('R-FUND-3 ledger, model-based over %s', (_label, open) => {
  let opened: ReturnType<typeof open>;
  beforeAll(() => {
    opened = open();
  });
  afterAll(() => opened.close());

  it(`balance = Σ entries, never negative, each id once, through faults, retries and races (${RUNS} runs)`, async () => {
    let society = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        society += 1;
        await run(opened.store, `prop-soc-${society}`, ops);
      }),
      { numRuns: RUNS },
    );
  });
});
