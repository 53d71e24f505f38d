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
 * the village's imports per view and per cap check). A step that tells someone (issue 14: submit,
 * accept, visit, approve, pay) then sends the message before answering: about ten more for each
 * message (claiming it, using up an authorisation, sending, recording). Sending from a queue
 * worker instead is the way back under the targets.
 */
export const CEILING: Readonly<Record<string, number>> = {
  'applications.submit': 40,
  'applications.myCases': 5,
  'applications.getMyCase': 6,
  'approvals.queue': 6,
  'approvals.getCase': 9,
  'approvals.accept': 29,
  'approvals.recordVisit': 30, // 29 until issue 12: one read of the photos' upload slots
  'approvals.propose': 24,
  'approvals.approve': 31,
  'approvals.disburse': 36,
  'pledges.confirmReceipt': 20,
  'funds.recordEntry': 14,
  'funds.fundReport': 11,
  'notices.officerTodo': 10,
  'notices.publicPage': 9,
  'notices.supervisionOverview': 18,
  'notices.townshipOverview': 17,
  'societies.countyDashboard': 10,
  'societies.me': 5, // 4 until 我的线索 (issue 13) added one count of the caller's clues
  // Private files (issue 12), both within the targets (5 and 3 measured). recordVisit pays one
  // read for all its photos' upload slots.
  'societies.requestUpload': 6,
  'societies.fileLinks': 4,
};
