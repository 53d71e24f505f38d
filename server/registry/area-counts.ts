/**
 * The county dashboard's counters (issue 15): for each township of a county, how many villages it
 * has and how many societies are preparing, active or suspended, registered or filed. One document
 * per county, changed in the same transaction as every write that changes what it counts — a
 * village added by the area import, a society started, activated, suspended or resumed — so the
 * dashboard reads one document at 100 villages or 5,000, and a retried write that commits nothing
 * counts nothing.
 *
 * A county without counters (data from before them), or whose counters a write found missing, is
 * counted once from its townships, villages and societies (read page by page within the store's
 * limit) by the next reader, who writes the result. Every write bumps `version`, so a count made
 * from reads that a write overtook is not written: the reader after it counts again.
 */
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { findAll, isStoreError, type Doc, type Store, type Transaction } from '../ports/store';
import type { DashboardCounts, DashboardTownship } from '../../miniprogram/domain/registry';

/** What one township's row keeps; villages without a society are the rest. */
export interface TownshipTally {
  townshipId: string;
  townshipName: string;
  villages: number;
  preparing: number;
  active: number;
  suspended: number;
  registered: number;
  filed: number;
}

export interface AreaCountsDoc extends Doc {
  countyId: string;
  countyName: string;
  /** False while the counters are to be counted again from the areas (a write found none). */
  complete: boolean;
  /** Bumped by every write. */
  version: number;
  townships: TownshipTally[];
  countedAt: string | null;
}

/** What a society is counted as. */
export type CountedSociety = Pick<SocietyDoc, 'townshipId' | 'status' | 'form'>;

function emptyTally(townshipId: string, townshipName: string): TownshipTally {
  return { townshipId, townshipName, villages: 0, preparing: 0, active: 0, suspended: 0, registered: 0, filed: 0 };
}

function rowOf(rows: TownshipTally[], townshipId: string, townshipName = ''): TownshipTally {
  let row = rows.find((candidate) => candidate.townshipId === townshipId);
  if (!row) {
    row = emptyTally(townshipId, townshipName);
    rows.push(row);
  }
  if (!row.townshipName && townshipName) row.townshipName = townshipName;
  return row;
}

function tallySociety(rows: TownshipTally[], society: CountedSociety, by: 1 | -1): void {
  const row = rowOf(rows, society.townshipId);
  row[society.status] += by;
  row[society.form] += by;
}

/**
 * In the write's transaction: the county's counters after `change`; when there are none (or they
 * await a count), marks them to be counted by the next reader instead.
 */
async function adjust(tx: Transaction, countyId: string, change: (rows: TownshipTally[]) => void): Promise<void> {
  const doc = await tx.get<AreaCountsDoc>(COLLECTIONS.areaCounts, countyId);
  if (!doc?.complete) {
    await tx.set<AreaCountsDoc>(COLLECTIONS.areaCounts, {
      _id: countyId,
      countyId,
      countyName: doc?.countyName ?? '',
      complete: false,
      version: (doc?.version ?? 0) + 1,
      townships: [],
      countedAt: null,
    });
    return;
  }
  const townships = doc.townships.map((row) => ({ ...row }));
  change(townships);
  await tx.set<AreaCountsDoc>(COLLECTIONS.areaCounts, { ...doc, townships, version: doc.version + 1 });
}

/** Areas the area import inserted in this transaction: each township gets its row, each village is counted. */
export function countAreasAdded(
  tx: Transaction,
  countyId: string,
  added: readonly AreaDoc[],
  townshipNames: ReadonlyMap<string, string>,
): Promise<void> {
  return adjust(tx, countyId, (rows) => {
    for (const area of added) {
      if (area.kind === 'township') rowOf(rows, area._id, area.name);
      if (area.kind === 'village' && area.townshipId) {
        rowOf(rows, area.townshipId, townshipNames.get(area.townshipId) ?? '').villages += 1;
      }
    }
  });
}

/** A society started (before null), its status changed, or (after null) gone: counted in the same transaction. */
export function countSocietyChange(
  tx: Transaction,
  countyId: string,
  before: CountedSociety | null,
  after: CountedSociety | null,
): Promise<void> {
  return adjust(tx, countyId, (rows) => {
    if (before) tallySociety(rows, before, -1);
    if (after) tallySociety(rows, after, 1);
  });
}

/** The counters counted from the areas and societies of the county, read page by page. */
async function countCounty(store: Store, countyId: string, version: number, at: Date): Promise<AreaCountsDoc> {
  const [county, townships, villages, societies] = await Promise.all([
    store.get<AreaDoc>(COLLECTIONS.areas, countyId),
    findAll<AreaDoc>(store, COLLECTIONS.areas, { where: { kind: 'township', parentId: countyId } }),
    findAll<AreaDoc>(store, COLLECTIONS.areas, { where: { kind: 'village', countyId } }),
    findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { countyId } }),
  ]);
  const rows: TownshipTally[] = [];
  for (const township of townships) rowOf(rows, township._id, township.name);
  for (const village of villages) if (village.townshipId) rowOf(rows, village.townshipId).villages += 1;
  for (const society of societies) tallySociety(rows, society, 1);
  return {
    _id: countyId,
    countyId,
    countyName: county?.name ?? '',
    complete: true,
    version: version + 1,
    townships: rows,
    countedAt: at.toISOString(),
  };
}

/**
 * The county's counters: the document when it is complete (one read), else counted from the
 * areas and written, unless a write came in meanwhile (then the next reader counts again).
 */
export async function loadAreaCounts(store: Store, countyId: string, at: Date): Promise<AreaCountsDoc> {
  const doc = await store.get<AreaCountsDoc>(COLLECTIONS.areaCounts, countyId);
  if (doc?.complete) return doc;
  const version = doc?.version ?? 0;
  const counted = await countCounty(store, countyId, version, at);
  try {
    await store.transaction(async (tx) => {
      const current = await tx.get<AreaCountsDoc>(COLLECTIONS.areaCounts, countyId);
      if ((current?.version ?? 0) !== version || current?.complete) return;
      await tx.set<AreaCountsDoc>(COLLECTIONS.areaCounts, counted);
    });
  } catch (error) {
    // Another reader or a write got there first: what was counted still answers this read.
    if (!isStoreError(error, 'CONFLICT') && !isStoreError(error, 'DUPLICATE_ID')) throw error;
  }
  return counted;
}

/** A township's row as the dashboard shows it: villages without a society are the villages not counted as one. */
export function townshipCounts(row: TownshipTally): DashboardTownship {
  return {
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    ...countsOf([row]),
  };
}

/** The sum of some townships' rows. */
export function countsOf(rows: readonly TownshipTally[]): DashboardCounts {
  const sum = (key: keyof Omit<TownshipTally, 'townshipId' | 'townshipName'>) =>
    rows.reduce((total, row) => total + row[key], 0);
  const villages = sum('villages');
  const preparing = sum('preparing');
  const active = sum('active');
  const suspended = sum('suspended');
  return {
    villages,
    none: Math.max(0, villages - preparing - active - suspended),
    preparing,
    active,
    suspended,
    registered: sum('registered'),
    filed: sum('filed'),
  };
}
