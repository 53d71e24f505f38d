/**
 * Round-trip budgets per action (issue 15). TARGET is what the issue asks: money moves in at most
 * 10 CloudBase round trips, other writes in 6, reads in 4. Each action also has a CEILING, the
 * figure measured when it was last improved, down to the target; since 2026-12-05 every action is
 * within its target and every ceiling is the target. The test fails when an action costs more
 * than its ceiling (a regression) or when an action is measured that has no ceiling.
 */
import type { ActionKind } from './costs';

export const TARGET: Record<ActionKind, number> = { money: 10, write: 6, read: 4 };

/**
 * Round trips, as measured on 2026-12-05 (bench/costs.ts over the demo county; `npm run bench --
 * --trace <action>` lists each). History, for whoever lowers them next:
 * - The case steps each gained one or two when the caps began to follow the imported lists
 *   (issue 13: one read of the village's imports per view and per cap check). A step that tells
 *   someone (issue 14) reads the addressees' authorisations and queues each message; with nobody
 *   subscribed submit went from 40 to 21, accept and visit from 29 to 21, approve from 31 to 23,
 *   disburse from 36 to 29. A message that is sent costs about 9 more in the call.
 * - Then (issue 15) every action fell by one when the caller became one read (the user keeps its
 *   grants, server/access/memberships.ts), and again where the call read something twice or wrote
 *   one document twice in a transaction (server/ports/call-store.ts: the calendar, settings and
 *   society once per call; two audit appends read and set the chain's head once).
 * - A payout (disburse, 先行救助) answers its state and the payout, not the whole case view (the
 *   page goes back to the case and reads it): 5 round trips fewer.
 * - The supervision overview and the township overview count instead of reading every paid case
 *   (the notice to-do is kept on the case, R-PROC-6).
 * - An action keeps its audit event pending, one insert; the minute timer and every reader of a
 *   trail chain it (server/audit/seal.ts): every audited write 2 fewer (the head read and set).
 *   The head keeps when its last event was done: the supervision overview reads no event (16).
 * - A case keeps its events on itself (server/cases/model.ts): a step writes no event document
 *   and a view reads no event query (a case written before goes on in caseEvents).
 * - A society keeps its relief settings and its notice settings on itself (cases/settings.ts,
 *   notices/settings.ts): 1 fewer wherever they are read (a society written before reads its
 *   settings documents). The public page: 4.
 * - A step reads its case once, in its transaction (server/cases/common.ts `caseStep`, with
 *   `officerStep`, `decisionStep`, and queries.ts `ownStep` for the applicant), not first outside
 *   it: every case step; an application's retry check is the first read of its transaction.
 * - The fund keeps its recent months (this half-year's and the last one's aggregates, set in every
 *   entry's transaction): the fund report reads the caller, the society and the fund (9 to 3).
 * - The public page reads no caller (`ignoresCaller`: anyone sees the same page) and the village's
 *   and township's names in one find (8 to 6; the supervision overview 18 to 17). The township
 *   overview reads its townships and villages in one find (13 to 12).
 * - The notice to-do reads no notice for its objections (each keeps its notice's title) and counts
 *   the waiting cases only when its page is full (8 to 6).
 * - One audit event per money move: a payout's or a pledge's own event names its ledger entry,
 *   which appends none; a payout's entry is not looked up first (the case is paid once, in the
 *   same transaction); a pledge is read once, in the transaction (disburse 16 to 14, confirm 16
 *   to 14).
 * - A case step writes its case and nothing else (server/outbound.ts): its audit event and the
 *   applicant's message are kept on the case, in the write it makes anyway, and handed on by the
 *   minute timer (and every reader of a trail), which also looks up who else hears of it (a new
 *   application's officers, a payout's donors). A pledge received keeps its own the same way. A
 *   step that writes only its case takes no transaction (cases/common.ts `keptStep`): one read and
 *   one conditional write (`replaceIf`). accept 12 to 7, visit 13 to 8, propose 14 to 11, approve
 *   12 to 7, submit 14 to 9; the money moves, still in their transactions, 14 to 10. A pledge's
 *   donation entry is not looked up first (the pledge is received once, in the same transaction).
 * - Every society keeps its county's entered calendar arrangements (calendarYears, written when
 *   the county enters one and when a society is created): a call that reads the society reads no
 *   calendar. 1 fewer wherever deadlines are counted (accept and approve 6, queue 4).
 * - A society keeps its case counter (caseCounter, cases/common.ts `nextCaseNo`), read and written
 *   in the application's transaction, and the case's insert is the retry check (a failed
 *   transaction looks for the request's case): submit reads the society in its transaction, inserts
 *   the case and writes the society (8 to 6).
 * - A society keeps which lists its village has imported and which imports are still applying
 *   (listKinds, written in the imports' own transactions, roster/lists.ts): the lists are checked
 *   without reading the import records (getCase 4, recordVisit 6, accept and approve 5).
 * - A proposal answers its state and the proposal, not the case view (the page goes back to the
 *   case and reads it): no earlier cases, deciders or places read after it; and every society
 *   keeps its county's decision clock beside the calendar (registry/county-copies.ts): propose 9
 *   to 4.
 * - A village keeps its township's name, a society its officers (access/memberships.ts, in the
 *   grant's transaction): a page of villages reads its villages, their societies and funds (6 to 4).
 * - The overviews read each society's digest (oversight/digest.ts): its counts and short lists,
 *   counted again by the minute timer after each action that changes them (sealing marks them),
 *   with what changes with time alone worked out when read. Supervision 16 to 4, township 12 to 3.
 * - A society keeps its notices still to post on paper (notices/unposted.ts, written by every
 *   change of one): the notice to-do reads no notices (5 to 4).
 * What a kept step reads: the caller 1, the case 1, the society 1, the write 1, and what the view
 * it answers reads that the step did not (the earlier cases, the lists). A payout: the caller, the
 * society, the transaction's start and commit, the case, the fund, the entry, the fund and its
 * month, the case written (10).
 */
export const CEILING: Readonly<Record<string, number>> = {
  'applications.submit': 6,
  'applications.myCases': 4,
  'applications.getMyCase': 4,
  'approvals.queue': 4,
  'approvals.getCase': 4,
  'approvals.accept': 6, // 5 measured,
  'approvals.recordVisit': 6, // one read of the photos' upload slots (issue 12)
  'approvals.propose': 6, // 4 measured: it answers its state and the proposal, the page reads the case
  'approvals.approve': 6, // 5 measured,
  'approvals.disburse': 10,
  'pledges.confirmReceipt': 10,
  'funds.recordEntry': 10,
  'funds.fundReport': 4, // 3: the caller, the society and the fund, which keeps its recent months
  'notices.officerTodo': 4, // the caller, the society (which keeps the notices to post), cases, objections
  'notices.publicPage': 4,
  'notices.supervisionOverview': 4, // the caller, the society, its digest and its fund
  'notices.townshipOverview': 4, // 3: the caller, the societies and their digests
  // The dashboard by township (issue 15): the first view reads the county's counters document
  // and the calendar (10 when it read every village); a township's page of villages reads them,
  // their societies, funds and officers and the township, whatever the county's size.
  'societies.countyDashboard': 4,
  'societies.dashboardVillages': 4, // its villages name their township, its societies keep their officers
  'societies.me': 4, // one count of the caller's clues (issue 13)
  // Private files (issue 12), within the targets (4 and 2 measured).
  'societies.requestUpload': 6,
  'societies.fileLinks': 4,
};
