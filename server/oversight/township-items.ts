/**
 * What awaits the township's own decision, as its overview lists it (R-PROC-5, and the 临时救助 referrals): money a
 * society paid first and did not ratify, and cases referred to its 临时救助. Built from the cases
 * when a society's digest is counted (./digest.ts). Masked names only, as on a notice.
 */
import type { CaseDoc, ReferralRecord } from '../cases/model';
import type { TownshipReferralItem, UnratifiedReliefItem } from '../../miniprogram/domain/oversight';
import { PAYOUT_METHOD_LABELS, RELIEF_TYPE_LABELS } from '../../miniprogram/domain/relief';
import { formatYuanShort } from '../../miniprogram/domain/money';

/** What every item on the township's lists starts with: the case and its society, the name masked. */
function caseLine(doc: CaseDoc, societyName: string) {
  return {
    caseId: doc._id,
    caseNo: doc.caseNo,
    societyId: doc.societyId,
    societyName,
    maskedName: doc.person.maskedName,
  };
}

/** R-PROC-5: money paid first that the society did not ratify; the township recovers or writes it off. */
export function unratifiedItem(doc: CaseDoc, societyName: string): UnratifiedReliefItem {
  const first = doc.reliefFirst!;
  const payout = doc.payout!;
  return {
    ...caseLine(doc, societyName),
    paidFen: payout.amountFen,
    methodLabel: PAYOUT_METHOD_LABELS[payout.method],
    paidAt: payout.paidAt,
    urgency: first.urgency,
    explanation: first.explanation!.text,
    explainedByName: first.explanation!.by.name ?? '',
    explainedAt: first.explanation!.at,
  };
}

/** What the society itself decided or paid, beside what it asks of the township. */
function societyReliefText(doc: CaseDoc): string {
  const paid = doc.payout;
  if (paid) {
    return `${RELIEF_TYPE_LABELS[paid.reliefType]} ${formatYuanShort(paid.amountFen)}（已发放）`;
  }
  const decision = doc.decision;
  if (decision?.outcome === 'approved' && decision.reliefType) {
    return `${RELIEF_TYPE_LABELS[decision.reliefType]} ${formatYuanShort(decision.amountFen)}（已批准）`;
  }
  return '';
}

export function townshipReferralItem(
  doc: CaseDoc,
  referral: ReferralRecord,
  societyName: string,
): TownshipReferralItem {
  return {
    ...caseLine(doc, societyName),
    referralId: referral.id,
    askedFen: referral.township!.askedFen,
    reason: referral.description,
    byName: referral.createdBy.name ?? '',
    at: referral.createdAt,
    societyReliefText: societyReliefText(doc),
  };
}
