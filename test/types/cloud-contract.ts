/**
 * Type-level test of the contract between pages and the cloud (issue 11), checked by
 * `npm run typecheck` (test/tsconfig.json), never run. Each `@ts-expect-error` must meet an error:
 * if callCloud stopped checking names, payloads or results, tsc would fail on the unused
 * directive. The positive lines pin the inferred types to the domain views the pages use.
 */
import { callCloud, type CloudAction, type CloudPayload, type CloudResult } from '../../miniprogram/services/cloud';
import type { CloudContract } from '../../miniprogram/services/contract';
import type {
  DisburseInput,
  OfficerCaseView,
  ReliefFirstInput,
  SettleUnratifiedInput,
  TownshipReferralInput,
  TownshipReferralOutcomeInput,
} from '../../miniprogram/domain/case';
import type { ApplicationInput, ApproveInput, DiscoveryInput, VisitInput } from '../../miniprogram/services/cases';
import type { NoticeInput, ObjectionInput } from '../../miniprogram/services/notices';
import type { MeView, SocietyListItem } from '../../miniprogram/domain/society';
import type { CloudFunctions } from '../../server/functions';
import type { PayloadOf, ResultOf } from '../../server/api/define';

/** True only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/**
 * A hand-written input type the pages fill fits the action's payload: assignable, and no
 * top-level field the server does not know (a variable, unlike a literal, is not checked for
 * excess fields, so a misspelt optional field would otherwise be dropped in silence).
 */
type Fits<I, P> = [I] extends [P] ? ([Exclude<keyof I, keyof P>] extends [never] ? true : false) : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// Only ever type-checked: the calls below sit in a function nobody calls.
export async function contractChecks(): Promise<void> {
  // A wrong function name.
  // @ts-expect-error 'society' is not a cloud function (it is 'societies').
  await callCloud('society', 'me', {});

  // A wrong action name.
  // @ts-expect-error societies has no action 'getPublic' (it is 'getPublicPage').
  await callCloud('societies', 'getPublic', { societyId: 's1' });

  // An action of another function.
  // @ts-expect-error 'recordVisit' belongs to approvals, not applications.
  await callCloud('applications', 'recordVisit', { caseId: 'c1' });

  // A wrong payload field.
  // @ts-expect-error getPublicPage takes societyId, not id.
  await callCloud('societies', 'getPublicPage', { id: 's1' });

  // A missing payload field.
  // @ts-expect-error getCase needs caseId.
  await callCloud('approvals', 'getCase', {});

  // A payload field of the wrong type.
  // @ts-expect-error setDecisionWorkingDays takes a number of days.
  await callCloud('approvals', 'setDecisionWorkingDays', { days: '5' });

  // A value outside the schema's enum.
  // @ts-expect-error queue's filter is 'open' | 'final' | 'all'.
  await callCloud('approvals', 'queue', { societyId: 's1', filter: 'closed' });

  // An extra field on an action that takes none.
  // @ts-expect-error me takes no payload fields.
  await callCloud('societies', 'me', { userId: 'u1' });

  // A wrong result use.
  const me = await callCloud('societies', 'me', {});
  // @ts-expect-error MeView has no field 'nameOfCaller' (the caller's name is `name`).
  void me.nameOfCaller;
  const { items } = await callCloud('societies', 'list', {});
  // @ts-expect-error list answers SocietyListItem[], not strings.
  const first: string = items[0]!;
  void first;
  const visited = await callCloud('approvals', 'getCase', { caseId: 'c1' });
  // @ts-expect-error a case view is not a list.
  void visited.items;

  // The right calls compile, and answer the domain views the pages use, exactly.
  assertType<Equal<typeof me, MeView>>();
  assertType<Equal<typeof items, SocietyListItem[]>>();
  assertType<Equal<typeof visited, OfficerCaseView>>();
}

// The generated contract says what the server's definitions say (PayloadOf / ResultOf).
assertType<Equal<CloudResult<'approvals', 'recordVisit'>, ResultOf<CloudFunctions['approvals'], 'recordVisit'>>>();
assertType<Equal<CloudPayload<'approvals', 'recordVisit'>, PayloadOf<CloudFunctions['approvals'], 'recordVisit'>>>();
assertType<Equal<CloudPayload<'notices', 'raiseObjection'>, PayloadOf<CloudFunctions['notices'], 'raiseObjection'>>>();
assertType<Equal<CloudResult<'funds', 'listMeetings'>, ResultOf<CloudFunctions['funds'], 'listMeetings'>>>();
// Every function and every action of the server, no more, no fewer.
assertType<Equal<keyof CloudContract, keyof CloudFunctions>>();
assertType<Equal<CloudAction<'approvals'>, keyof CloudFunctions['approvals']['actions'] & string>>();
assertType<Equal<CloudAction<'societies'>, keyof CloudFunctions['societies']['actions'] & string>>();

// The input types the pages fill say what the server reads.
assertType<Fits<ApplicationInput, CloudPayload<'applications', 'submit'>>>();
assertType<Fits<DiscoveryInput, CloudPayload<'approvals', 'openDiscovery'>>>();
assertType<Fits<VisitInput, CloudPayload<'approvals', 'recordVisit'>>>();
assertType<Fits<ApproveInput, CloudPayload<'approvals', 'approve'>>>();
assertType<Fits<DisburseInput, CloudPayload<'approvals', 'disburse'>>>();
assertType<Fits<ReliefFirstInput, CloudPayload<'approvals', 'reliefFirst'>>>();
assertType<Fits<TownshipReferralInput, CloudPayload<'approvals', 'referTownship'>>>();
assertType<Fits<TownshipReferralOutcomeInput, CloudPayload<'approvals', 'townshipReferralOutcome'>>>();
assertType<Fits<SettleUnratifiedInput, CloudPayload<'approvals', 'settleUnratified'>>>();
assertType<Fits<ObjectionInput, CloudPayload<'notices', 'raiseObjection'>>>();
assertType<Fits<NoticeInput, CloudPayload<'notices', 'publishNotice'>>>();
// @ts-expect-error a field the server does not read is caught, even on an optional field.
assertType<Fits<ObjectionInput & { contactPhone?: string }, CloudPayload<'notices', 'raiseObjection'>>>();
