/**
 * Eligibility from the lists (R-ELIG-3/4, R-CAP-1/2): the relief type and its cap follow the
 * township's imported lists where the village has imported them, not the applicant's word alone.
 * The applicant's own answer stays on the case as they gave it; a mismatch is shown to the
 * officer (never silently trusted), and every plan, decision and 先行救助 is checked against the
 * facts as the lists correct them.
 */
import type { Store } from '../ports/store';
import { COLLECTIONS, type KeptListKinds, type SocietyDoc } from '../collections';
import type { ListEntryDoc, ListImportDoc } from './model';
import type { ListKind } from '../../miniprogram/domain/roster';
import type { CaseDoc, VerifiedFacts } from '../cases/model';
import { AppError } from '../errors';
import { LIST_KIND_LABELS, caseListCheck, factsFromLists, type CaseListCheck } from '../../miniprogram/domain/roster';

type ListStatus = Awaited<ReturnType<typeof listStatusOf>>;

/**
 * The lists a person is on in a village, the lists that village has imported at all, and those
 * whose import is still being applied (their entries are then half old, half new: not to be read).
 * The society keeps which lists are imported and importing (`listKinds`); one written before it
 * kept them has the village's import records read instead.
 */
export async function listStatusOf(
  store: Store,
  doc: Pick<CaseDoc, 'societyId' | 'villageId' | 'personKey'>,
): Promise<{ listed: ListKind[]; imported: ListKind[]; importing: ListKind[] }> {
  const { villageId, personKey } = doc;
  // Read by the step or view already: the call's store answers it without a round trip.
  const society = await store.get<SocietyDoc>(COLLECTIONS.societies, doc.societyId);
  const kept = society?.villageId === villageId ? society.listKinds : undefined;
  const kinds = kept ?? (await listKindsFromRecords(store, villageId));
  const imported = kinds.imported;
  const importing = kinds.importing.map((one) => one.kind);
  // A village that has imported no list has no one on one: the person is not looked up.
  if (imported.length === 0 && importing.length === 0) return { listed: [], imported: [], importing: [] };
  const entries = await store.find<ListEntryDoc>(COLLECTIONS.listEntries, {
    where: { villageId, personKey, active: true },
    limit: 10,
  });
  return {
    listed: [...new Set(entries.map((entry) => entry.kind))].sort(),
    imported: [...new Set(imported)].sort(),
    importing: [...new Set(importing)].sort(),
  };
}

/**
 * The lists a village has imported and its imports still being applied, from its import records
 * (`${importId}:${villageId}`): what a society keeps as `listKinds`, for one that keeps none.
 */
export async function listKindsFromRecords(store: Store, villageId: string): Promise<KeptListKinds> {
  const records = await store.find<ListImportDoc>(COLLECTIONS.listImports, { where: { villageId }, limit: 1000 });
  return {
    imported: [
      ...new Set(records.filter((record) => record.status !== 'applying').map((record) => record.kind)),
    ].sort(),
    importing: records
      .filter((record) => record.status === 'applying')
      .map((record) => ({ importId: record._id.slice(0, -(villageId.length + 1)), kind: record.kind })),
  };
}

function corrected(facts: VerifiedFacts, { listed, imported }: ListStatus): VerifiedFacts {
  if (imported.length === 0 && listed.length === 0) return facts;
  return { ...facts, ...factsFromLists(facts, listed, imported) };
}

/**
 * The facts the caps follow: `facts` (declared or verified) as the imported lists correct them.
 * While a list of the village is being imported the caps refuse, clearly, rather than read a
 * list half old and half new (R-OVS-1: an import applied in bounded transactions).
 */
export async function factsWithLists(store: Store, doc: CaseDoc, facts: VerifiedFacts): Promise<VerifiedFacts> {
  const status = await listStatusOf(store, doc);
  if (status.importing.length > 0) {
    throw new AppError(
      'INVALID_STATE',
      `lists ${status.importing.join(',')} of ${doc.villageId} still importing`,
      `本村的${status.importing.map((kind) => LIST_KIND_LABELS[kind]).join('、')}名单正在导入、尚未完成，救助类型和上限暂不能按名单核对：请在花名册页继续完成导入后再办理`,
    );
  }
  return corrected(facts, status);
}

/**
 * For the officer's case view, from one reading of the lists: the corrected facts, and what the
 * lists say against the applicant's own answer.
 */
export async function listsForView(
  store: Store,
  doc: CaseDoc,
  facts: VerifiedFacts,
): Promise<{ facts: VerifiedFacts; check: CaseListCheck }> {
  const status = await listStatusOf(store, doc);
  const check = caseListCheck(doc.situation, status.listed, status.imported);
  if (status.importing.length > 0) {
    check.summary = `本村的${status.importing.map((kind) => LIST_KIND_LABELS[kind]).join('、')}名单正在导入、尚未完成：比对暂不可靠，审批和发放须等导入完成`;
  }
  return { facts: corrected(facts, status), check };
}
