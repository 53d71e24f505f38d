/**
 * Round-trip budgets per action (issue 15). TARGET is what the issue asks: money moves in at most
 * 10 CloudBase round trips, other writes in 6, reads in 4. Most actions are above it today, so
 * each also has a CEILING: the figure measured when it was last improved. The test fails when an
 * action costs more than its ceiling (a regression) or when an action is measured that has no
 * ceiling; lower a ceiling when the action gets cheaper, down to the target.
 */
import type { ActionKind } from './costs';

export const TARGET: Record<ActionKind, number> = { money: 10, write: 6, read: 4 };

/**
 * Round trips, as measured on 2026-12-04 (bench/costs.ts over the demo county). The case steps
 * each gained one or two when the caps began to follow the imported lists (issue 13: one read of
 * the village's imports per view and per cap check). A step that tells someone (issue 14) reads
 * the addressees' authorisations (one by id in the step's transaction, or one query for all) and
 * queues each message: a message to someone with no authorisation left is kept as `unsubscribed`
 * at once and costs nothing more, so in this scenario (nobody subscribed) submit went from 40 to
 * 21, accept and visit from 29 to 21, approve from 31 to 23, disburse from 36 to 29 (with one
 * read of the donors to tell). A message that is sent costs about 9 more in the call (claim with
 * the authorisation, send, record); confirmReceipt gained 2 for the donor's new message.
 */
export const CEILING: Readonly<Record<string, number>> = {
  'applications.submit': 21,
  'applications.myCases': 5,
  'applications.getMyCase': 6,
  'approvals.queue': 6,
  'approvals.getCase': 9,
  'approvals.accept': 21,
  'approvals.recordVisit': 22, // 21 until issue 12: one read of the photos' upload slots
  'approvals.propose': 24,
  'approvals.approve': 23,
  'approvals.disburse': 29,
  'pledges.confirmReceipt': 22,
  'funds.recordEntry': 14,
  'funds.fundReport': 11,
  'notices.officerTodo': 10,
  'notices.publicPage': 9,
  'notices.supervisionOverview': 18,
  'notices.townshipOverview': 17,
  // The dashboard by township (issue 15): the first view reads the county's counters document
  // and the calendar (10 when it read every village); a township's page of villages reads them,
  // their societies, funds and officers and the township, whatever the county's size.
  'societies.countyDashboard': 4,
  'societies.dashboardVillages': 7,
  'societies.me': 5, // 4 until 我的线索 (issue 13) added one count of the caller's clues
  // Private files (issue 12), both within the targets (5 and 3 measured). recordVisit pays one
  // read for all its photos' upload slots.
  'societies.requestUpload': 6,
  'societies.fileLinks': 4,
};
