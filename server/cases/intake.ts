/**
 * How a case starts (R-PROC-1): an application from WeChat (for self or household), or an
 * officer's discovery; then acceptance, which starts the working-day clock (R-PROC-3), or a
 * refusal to accept; the applicant may withdraw before acceptance and add materials until the
 * decision (R-PROC-2).
 */
import { bindToCase, requireAttachable } from '../files/private';
import { AppError } from '../errors';
import { requestFingerprint, requireSameRequest } from '../api/request-ids';
import type { ActionContext } from '../context';
import { COLLECTIONS, type MembershipDoc, type SocietyDoc, type UserDoc } from '../collections';
import { type Actor, actorOf } from '../access/caller';
import { grantHeld, householdOf, isRecused, RECUSAL_MESSAGE, requireOfficer } from '../access/rules';
import { loadSociety } from '../registry/load';
import { grantMembership, newUser } from '../access/memberships';
import { appendAudit } from '../audit/trail';
import type { Transaction } from '../ports/store';
import { dueText, startDeadline } from '../domain/case-deadlines';
import { personKeyOf, seal, sealOrNull, shortHash } from './pii';
import { calendarFor, earlierCasesForSameCause, nextCaseNo, officerStep, requireActive, societyInTx } from './common';
import { commitStep, createCase, eventActor, type CaseDoc, type ConsentRecord, type MaterialRecord } from './model';
import { myCaseView, officerCaseView, ownStep } from './queries';
import { linkClueInTx, requireOpenClue } from '../clues/link';
import {
  CAUSE_LABELS,
  CONSENT_TEXT_VERSION,
  MATERIAL_KIND_LABELS,
  RELATIONSHIP_LABELS,
  checkEligibility,
  type Cause,
  type GovernmentAssistance,
  type HouseholdCategory,
  type HukouHolder,
  type MaterialKind,
  type Relationship,
} from '../../miniprogram/domain/relief';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import { isValidIdNumber, normalizeIdNumber } from '../../miniprogram/domain/id-number';
import { maskIdNumber, maskName } from '../../miniprogram/domain/masking';

export const MAX_MATERIALS_PER_CASE = 60;

export interface PersonInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  relationship: Relationship;
}

export interface SituationInput {
  hukou: HukouHolder;
  cause: Cause;
  description: string;
  assistance: GovernmentAssistance[];
  category: HouseholdCategory;
  livingAtRisk: boolean;
}

export interface ConsentInput {
  processing: boolean;
  publicNotice: boolean;
  textVersion: string;
}

export interface MaterialInput {
  kind: MaterialKind;
  fileId: string;
}

export interface ApplicationInput extends SituationInput {
  requestId: string;
  societyId: string;
  /** Needed when the caller is not known yet (first application from this WeChat account). */
  applicantName?: string;
  applicantPhone?: string | null;
  beneficiary: PersonInput;
  consent: ConsentInput;
  materials?: MaterialInput[];
}

export interface DiscoveryInput extends SituationInput {
  requestId: string;
  societyId: string;
  person: PersonInput;
  /** How the officer learned of it (e.g. 入户走访、村民反映、医院告知). */
  discoveredHow: string;
  /** The person lives in the household of this registered user (so that user's household recuses). */
  householdOfUserId?: string | null;
  consent: ConsentInput & { method: 'signed' | 'verbal' };
  materials?: MaterialInput[];
  seenRepeatCaseIds?: string[];
  /** The clue this case comes from (issue 13): linked both ways, in the same transaction. */
  clueId?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Checks shared by both ways in

function checkedIdNumber(raw: string, at: Date): string {
  const idNumber = normalizeIdNumber(raw);
  // Never log the number itself.
  if (!isValidIdNumber(idNumber, { today: at })) {
    throw new AppError('BAD_REQUEST', 'ID number fails the GB 11643 check', '身份证号码有误，请核对后重新填写');
  }
  return idNumber;
}

function checkConsent(consent: ConsentInput): void {
  // Consent to the masked notice may be withheld: the notice then lists only 类别 + amount
  // (R-PROC-6 with PIPL); processing the data is what the case cannot do without.
  if (!consent.processing) {
    throw new AppError(
      'BAD_REQUEST',
      'consent to processing the personal data is required',
      '请阅读并同意个人信息处理说明后再提交',
    );
  }
  if (consent.textVersion !== CONSENT_TEXT_VERSION) {
    throw new AppError(
      'BAD_REQUEST',
      `consent text version ${consent.textVersion.slice(0, 40)} is not the current ${CONSENT_TEXT_VERSION}`,
      '告知内容已更新，请重新阅读并同意',
    );
  }
}

function checkEligible(situation: SituationInput): void {
  const result = checkEligibility(situation);
  if (result.outcome === 'ineligible') {
    throw new AppError(
      'NOT_ELIGIBLE',
      `not eligible: ${result.ruleIds.join(',')}`,
      `${result.summary}：${result.reasons.join('')}`,
    );
  }
}

function materialRecords(items: MaterialInput[] | undefined, actor: Actor, at: Date): MaterialRecord[] {
  return (items ?? []).map((item) => ({
    kind: item.kind,
    fileId: item.fileId,
    addedAt: at.toISOString(),
    addedBy: eventActor(actor),
  }));
}

function describeMaterials(items: MaterialInput[]): string {
  const kinds = [...new Set(items.map((item) => MATERIAL_KIND_LABELS[item.kind]))];
  return `${items.length} 份（${kinds.join('、')}）`;
}

/** What the case holds of the person: name, ID number and phone sealed; the masked name for public lists. */
function sealedPerson(person: PersonInput, idNumber: string, hukou: HukouHolder): CaseDoc['person'] {
  const name = person.name.trim();
  return {
    name: seal(name),
    maskedName: maskName(name),
    idNumber: seal(idNumber),
    maskedIdNumber: maskIdNumber(idNumber),
    phone: sealOrNull(person.phone?.trim()),
    relationship: person.relationship,
    hukou,
  };
}

function sealedSituation(input: SituationInput): CaseDoc['situation'] {
  return {
    cause: input.cause,
    description: seal(input.description.trim()),
    assistance: [...new Set(input.assistance)],
    category: input.category,
    livingAtRisk: input.livingAtRisk,
  };
}

function emptyCaseParts(at: Date) {
  return {
    materials: [] as MaterialRecord[],
    deadlines: {},
    intakeRepeat: null,
    visit: null,
    proposal: null,
    decision: null,
    payout: null,
    reliefFirst: null,
    receipt: null,
    referrals: [],
    endReason: null,
    acceptedAt: null,
    decidedAt: null,
    paidAt: null,
    closedAt: null,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Application (applicant side)

/**
 * A first-time applicant gets a user record, and the applicant role in the society if they do not
 * hold it there (a resident or member who applies then finds 我的申请 on home too). Nothing else:
 * applying never grants any other role, and only to an active society (checked before).
 */
async function ensureApplicant(
  tx: Transaction,
  society: SocietyDoc,
  caller: ActionContext['caller'],
  userId: string,
  name: string,
  at: Date,
): Promise<void> {
  const actor: Actor = { userId, openid: caller.openid, name, role: 'applicant' };
  if (!caller.user) {
    const existing = await tx.get<UserDoc>(COLLECTIONS.users, userId);
    if (!existing) {
      await tx.insert<UserDoc>(
        COLLECTIONS.users,
        newUser({ _id: userId, openid: caller.openid!, name, createdAt: at.toISOString(), householdId: null }),
      );
    }
  } else if (grantHeld(caller, 'applicant', { societyId: society._id })) {
    return;
  }
  const membershipId = `m-${userId}-applicant-${society._id}`;
  if (await tx.get<MembershipDoc>(COLLECTIONS.memberships, membershipId)) return;
  await grantMembership(tx, {
    _id: membershipId,
    userId,
    role: 'applicant',
    societyId: society._id,
    areaId: null,
    grantedAt: at.toISOString(),
    grantedBy: 'application',
  });
  await appendAudit(tx, {
    scopeId: society._id,
    actor,
    action: 'membership.grant',
    target: `${COLLECTIONS.memberships}/${membershipId}`,
    details: { role: 'applicant', via: 'application' },
    at,
  });
}

/**
 * A villager applies for self or household. The request id makes it retry-safe: the same caller
 * with the same request id always lands on the same case, created once.
 */
export async function submitApplication(ctx: ActionContext, input: ApplicationInput): Promise<MyCaseView> {
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', 'an application needs a WeChat identity');
  const at = ctx.clock.now();
  const userId = ctx.caller.user?._id ?? `u-wx-${shortHash('openid', openid)}`;
  const caseId = `case-${shortHash(userId, input.requestId)}`;
  const fingerprint = requestFingerprint(input);

  const materialIds = (input.materials ?? []).map((item) => item.fileId);
  // One transaction, which reads the society (for its case number) and inserts the case: the
  // insert is the retry check (issue 15). A retried application answers the case it made,
  // whatever changed since: when the transaction fails, for whatever reason, an existing case of
  // this request is the answer.
  const doc = await ctx.store
    .transaction(async (tx) => {
      const society = await societyInTx(tx, input.societyId);
      requireActive(society);
      const idNumber = checkedIdNumber(input.beneficiary.idNumber, at);
      checkConsent(input.consent);
      checkEligible(input);
      if (input.beneficiary.relationship === 'self' && input.applicantPhone && !input.beneficiary.phone) {
        input = { ...input, beneficiary: { ...input.beneficiary, phone: input.applicantPhone } };
      }
      const applicantName =
        ctx.caller.user?.name ??
        (input.beneficiary.relationship === 'self' ? input.beneficiary.name.trim() : input.applicantName?.trim());
      if (!applicantName) {
        throw new AppError('BAD_REQUEST', 'applicantName missing for a new applicant', '请填写申请人（您本人）的姓名');
      }
      const actor: Actor = { userId, openid, name: applicantName, role: 'applicant' };
      const householdId = ctx.caller.user ? householdOf(ctx.caller.user) : `user:${userId}`;
      await requireAttachable(ctx, materialIds, { societyId: society._id, caseId: null, kinds: ['materials'] });
      const materials = materialRecords(input.materials, actor, at);
      await ensureApplicant(tx, society, ctx.caller, userId, applicantName, at);
      const caseNo = await nextCaseNo(tx, society, at);
      return createCase(
        tx,
        {
          _id: caseId,
          societyId: society._id,
          villageId: society.villageId,
          caseNo,
          origin: 'application',
          requestId: input.requestId,
          requestFingerprint: fingerprint,
          applicantUserId: userId,
          applicant: {
            userId,
            name: seal(applicantName),
            phone: sealOrNull((input.applicantPhone ?? input.beneficiary.phone)?.trim()),
          },
          householdId,
          personKey: personKeyOf(idNumber),
          person: sealedPerson(input.beneficiary, idNumber, input.hukou),
          situation: sealedSituation(input),
          consent: consentRecord(input.consent, 'app', actor, at),
          discovery: null,
          ...emptyCaseParts(at),
          materials,
        },
        'submit',
        actor,
        at,
        {
          summary:
            `提交救助申请（${CAUSE_LABELS[input.cause]}，为${RELATIONSHIP_LABELS[input.beneficiary.relationship]}申请）` +
            (materials.length ? `，附材料 ${describeMaterials(input.materials ?? [])}` : ''),
          details: { origin: 'application', cause: input.cause, materials: materials.length },
          audit: { origin: 'application' },
          // The society's officers hear of it when the case is handed on (../outbound.ts).
          handOn: [{ kind: 'newApplication', at: at.toISOString() }],
        },
      );
    })
    .catch(async (error: unknown) => {
      const existing = await ctx.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
      if (!existing) throw error;
      requireSameRequest(existing.requestFingerprint, fingerprint, `application ${caseId}`);
      return existing;
    });
  // Also on a retry: the slots are bound once, and a call that died before binding them is mended.
  await bindToCase(ctx, materialIds, doc._id);
  return myCaseView(ctx, doc);
}

function consentRecord(consent: ConsentInput, method: ConsentRecord['method'], actor: Actor, at: Date): ConsentRecord {
  return {
    processing: consent.processing,
    publicNotice: consent.publicNotice,
    textVersion: consent.textVersion,
    method,
    recordedBy: eventActor(actor),
    at: at.toISOString(),
  };
}

export async function withdrawApplication(ctx: ActionContext, caseId: string, reason: string): Promise<MyCaseView> {
  const at = ctx.clock.now();
  const actor = actorOf(ctx.caller, 'applicant');
  const next = await ownStep(ctx, caseId, (tx, doc) =>
    commitStep(tx, doc, 'withdraw', actor, at, {
      patch: { endReason: reason.trim() || '申请人撤回' },
      summary: `撤回申请${reason.trim() ? `：${reason.trim()}` : ''}`,
    }),
  );
  return myCaseView(ctx, next);
}

function fileIdsOf(items: MaterialInput[]): string[] {
  return items.map((item) => item.fileId);
}

/** R-PROC-2: materials added to a case read in the step's transaction (a retried call adds nothing). */
async function appendMaterials(
  ctx: ActionContext,
  tx: Transaction,
  doc: CaseDoc,
  items: MaterialInput[],
  actor: Actor,
  at: Date,
): Promise<CaseDoc> {
  await requireAttachable(ctx, fileIdsOf(items), { societyId: doc.societyId, caseId: doc._id, kinds: ['materials'] });
  const known = new Set(doc.materials.map((item) => item.fileId));
  const fresh = items.filter((item) => !known.has(item.fileId));
  if (fresh.length === 0) return doc; // a retried call: nothing new
  if (doc.materials.length + fresh.length > MAX_MATERIALS_PER_CASE) {
    throw new AppError(
      'BAD_REQUEST',
      `case ${doc._id} would exceed ${MAX_MATERIALS_PER_CASE} materials`,
      `每个案件最多 ${MAX_MATERIALS_PER_CASE} 份材料`,
    );
  }
  return commitStep(tx, doc, 'addMaterials', actor, at, {
    patch: { materials: [...doc.materials, ...materialRecords(fresh, actor, at)] },
    summary: `补充材料 ${describeMaterials(fresh)}`,
    details: { kinds: fresh.map((item) => item.kind) },
  });
}

export async function addMyMaterials(ctx: ActionContext, caseId: string, items: MaterialInput[]): Promise<MyCaseView> {
  const at = ctx.clock.now();
  const actor = actorOf(ctx.caller, 'applicant');
  const next = await ownStep(ctx, caseId, (tx, doc) => appendMaterials(ctx, tx, doc, items, actor, at));
  await bindToCase(ctx, fileIdsOf(items), next._id);
  return myCaseView(ctx, next);
}

// ---------------------------------------------------------------------------------------------
// Officer intake

export async function addOfficerMaterials(
  ctx: ActionContext,
  caseId: string,
  items: MaterialInput[],
): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, caseId, async (tx, { doc, society, actor }) => ({
    next: await appendMaterials(ctx, tx, doc, items, actor, at),
    society,
  }));
  await bindToCase(ctx, fileIdsOf(items), next._id);
  return officerCaseView(ctx, next, society);
}

/** R-PROC-1: an officer opens a case for someone who cannot apply; it starts accepted, the clock running. */
export async function openDiscovery(ctx: ActionContext, input: DiscoveryInput): Promise<OfficerCaseView> {
  const society = await loadSociety(ctx.store, input.societyId);
  const actor = requireOfficer(ctx.caller, society);
  const caseId = `case-${shortHash(society._id, 'discovery', input.requestId)}`;
  const fingerprint = requestFingerprint(input);
  const replay = await ctx.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
  if (replay) {
    requireSameRequest(replay.requestFingerprint, fingerprint, `discovery ${caseId}`);
    return officerCaseView(ctx, replay, society);
  }

  requireActive(society);
  if (input.clueId) await requireOpenClue(ctx.store, input.clueId, society._id);
  const at = ctx.clock.now();
  const materialIds = (input.materials ?? []).map((item) => item.fileId);
  await requireAttachable(ctx, materialIds, { societyId: society._id, caseId: null, kinds: ['materials'] });
  const idNumber = checkedIdNumber(input.person.idNumber, at);
  checkConsent(input.consent);
  checkEligible(input);
  let householdId = `case:${caseId}`;
  if (input.householdOfUserId) {
    const user = await ctx.store.get<UserDoc>(COLLECTIONS.users, input.householdOfUserId);
    if (!user) throw new AppError('NOT_FOUND', `user ${input.householdOfUserId} not found`, '没有找到所选的同户人员');
    householdId = householdOf(user);
  }
  const personKey = personKeyOf(idNumber);
  if (isRecused(ctx.caller, { householdId, applicantUserId: null })) {
    throw new AppError('FORBIDDEN', `officer opened a discovery for their own household`, RECUSAL_MESSAGE);
  }
  const calendar = await calendarFor(ctx.store, society);
  const earlier = await earlierCasesForSameCause(ctx.store, {
    _id: caseId,
    societyId: society._id,
    personKey,
    createdAt: at.toISOString(),
    situation: { cause: input.cause },
  } as CaseDoc);
  const earlierIds = earlier.map((other) => other._id);
  const deadlines = startDeadline({}, calendar, 'visit', at);

  const doc = await ctx.store.transaction(async (tx) => {
    const existing = await tx.get<CaseDoc>(COLLECTIONS.cases, caseId);
    if (existing) {
      requireSameRequest(existing.requestFingerprint, fingerprint, `discovery ${caseId}`);
      return existing;
    }
    if (input.clueId) await linkClueInTx(tx, { clueId: input.clueId, societyId: society._id, caseId, actor, at });
    const caseNo = await nextCaseNo(tx, await societyInTx(tx, society._id), at);
    return createCase(
      tx,
      {
        _id: caseId,
        societyId: society._id,
        villageId: society.villageId,
        caseNo,
        origin: 'discovery',
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        applicantUserId: null,
        applicant: null,
        householdId,
        personKey,
        person: sealedPerson(input.person, idNumber, input.hukou),
        situation: sealedSituation(input),
        consent: consentRecord(input.consent, input.consent.method, actor, at),
        discovery: {
          how: input.discoveredHow.trim(),
          by: eventActor(actor),
          ...(input.clueId ? { clueId: input.clueId } : {}),
        },
        ...emptyCaseParts(at),
        materials: materialRecords(input.materials, actor, at),
        deadlines,
        acceptedAt: at.toISOString(),
        intakeRepeat: {
          caseIds: earlierIds,
          seenCaseIds: (input.seenRepeatCaseIds ?? []).filter((id) => earlierIds.includes(id)),
        },
      },
      'discover',
      actor,
      at,
      {
        summary:
          `主动发现并立案（${CAUSE_LABELS[input.cause]}，${input.discoveredHow.trim()}），` +
          `入户核查截止 ${dueText(calendar, deadlines.visit!)}` +
          repeatNote(earlierIds, input.seenRepeatCaseIds ?? []),
        details: {
          origin: 'discovery',
          cause: input.cause,
          visitDueAt: deadlines.visit!.dueAt,
          repeat: earlierIds,
          ...(input.clueId ? { clueId: input.clueId } : {}),
        },
        audit: { origin: 'discovery' },
      },
    );
  });
  await bindToCase(ctx, materialIds, doc._id);
  return officerCaseView(ctx, doc, society);
}

function repeatNote(earlierIds: string[], seen: string[]): string {
  if (earlierIds.length === 0) return '';
  const allSeen = earlierIds.every((id) => seen.includes(id));
  return `；此前同一原因已有 ${earlierIds.length} 个案件，${allSeen ? '已查看' : '未全部查看'}`;
}

/** Accepting starts the clock: home visit and review opinion within 1 working day (R-PROC-3). */
export async function acceptCase(
  ctx: ActionContext,
  caseId: string,
  seenRepeatCaseIds: string[],
): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, caseId, async (tx, { doc: current, society, actor }) => {
    requireActive(society);
    const calendar = await calendarFor(ctx.store, society);
    const earlierIds = (await earlierCasesForSameCause(ctx.store, current)).map((other) => other._id);
    const seen = seenRepeatCaseIds.filter((id) => earlierIds.includes(id));
    const deadlines = startDeadline(current.deadlines, calendar, 'visit', at);
    const stepped = await commitStep(tx, current, 'accept', actor, at, {
      patch: {
        acceptedAt: at.toISOString(),
        deadlines: { ...current.deadlines, visit: deadlines.visit! },
        intakeRepeat: { caseIds: earlierIds, seenCaseIds: seen },
      },
      summary: `受理申请，入户核查截止 ${dueText(calendar, deadlines.visit!)}${repeatNote(earlierIds, seen)}`,
      details: { visitDueAt: deadlines.visit!.dueAt, repeat: earlierIds, repeatSeen: seen },
    });
    return { next: stepped, society };
  });
  return officerCaseView(ctx, next, society);
}

export async function declineCase(ctx: ActionContext, caseId: string, reason: string): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, caseId, async (tx, { doc: current, society, actor }) => ({
    next: await commitStep(tx, current, 'decline', actor, at, {
      patch: { endReason: reason.trim() },
      summary: `不予受理：${reason.trim()}`,
    }),
    society,
  }));
  return officerCaseView(ctx, next, society);
}
