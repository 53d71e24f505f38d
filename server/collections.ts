/**
 * Every collection, its document shape, and the indexes its queries need. The SQLite adapter
 * creates these indexes; `npm run build` writes the same list to database/indexes.json for
 * CloudBase. Documents never hold money as anything but integer fen.
 */
import type { Doc } from './ports/store';
import type { Role, SocietyForm, SocietyStatus } from '../miniprogram/domain/society';
import type { ListKind } from '../miniprogram/domain/roster';
import type { ReliefSettingsDoc } from './cases/model';
import type { NoticeDoc, NoticeSettingsDoc } from './notices/model';
import type { YearSchedule } from './domain/workdays';

export const COLLECTIONS = {
  areas: 'areas',
  societies: 'societies',
  users: 'users',
  memberships: 'memberships',
  funds: 'funds',
  ledgerEntries: 'ledgerEntries',
  ledgerReversals: 'ledgerReversals',
  auditHeads: 'auditHeads',
  auditEvents: 'auditEvents',
  /** How far each scope's audit chain was verified by the nightly timer (issue 15). */
  auditCheckpoints: 'auditCheckpoints',
  /** How far each society's ledger was checked by the nightly timer (issue 15). */
  ledgerCheckpoints: 'ledgerCheckpoints',
  workCalendars: 'workCalendars',
  /** The county dashboard's counters, one per county, kept in each registry write (issue 15). */
  areaCounts: 'areaCounts',
  meta: 'meta',
  // funds, registry, pledges, meetings, monthly reports (issue 6)
  fundPeriods: 'fundPeriods',
  invitations: 'invitations',
  roleSeats: 'roleSeats',
  pledges: 'pledges',
  meetings: 'meetings',
  monthlyReports: 'monthlyReports',
  monthlyReportHeads: 'monthlyReportHeads',
  countySettings: 'countySettings',
  // relief cases (issue 4)
  cases: 'cases',
  caseEvents: 'caseEvents',
  caseCounters: 'caseCounters',
  reliefSettings: 'reliefSettings',
  // public notices and oversight (issue 5)
  notices: 'notices',
  noticeObjections: 'noticeObjections',
  noticeSettings: 'noticeSettings',
  noticeBoards: 'noticeBoards',
  noticeScenes: 'noticeScenes',
  caseFlags: 'caseFlags',
  /** What each society's overviews show, counted again after its actions (oversight/digest.ts, issue 15). */
  societyDigests: 'societyDigests',
  /** The societies whose digest waits to be counted again. */
  digestQueue: 'digestQueue',
  // private files: the upload slots the server issued (issue 12)
  fileSlots: 'fileSlots',
  // first start (issue 12): invitations of township, federation and county officers
  areaInvitations: 'areaInvitations',
  // clues and 帮办 (issue 13)
  clues: 'clues',
  clueQuotas: 'clueQuotas',
  programmeHelps: 'programmeHelps',
  // assistance lists, the roster and its visits (issue 13)
  listImports: 'listImports',
  listEntries: 'listEntries',
  rosterEntries: 'rosterEntries',
  rosterVisits: 'rosterVisits',
  rosterLevels: 'rosterLevels',
  // a list import applied in bounded transactions, resumable (issue 13)
  listImportJobs: 'listImportJobs',
  listImportChunks: 'listImportChunks',
  // requests about one's own personal information (issue 12, PIPL art. 50)
  dataRequests: 'dataRequests',
  // messages and reminders (issue 14)
  outbox: 'outbox',
  messageGrants: 'messageGrants',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** Compound indexes per collection, each a list of field paths. */
export const INDEXES: Partial<Record<CollectionName, string[][]>> = {
  areas: [['kind', 'parentId']],
  societies: [['townshipId'], ['countyId'], ['villageId']],
  users: [['openid']],
  memberships: [['userId'], ['societyId', 'role'], ['areaId', 'role']],
  ledgerEntries: [
    ['societyId', 'recordedAt'],
    ['societyId', 'type', 'recordedAt'],
    ['societyId', 'recordedAt', 'seq'],
  ],
  fundPeriods: [['societyId', 'month']],
  invitations: [['codeHash'], ['societyId', 'createdAt']],
  areaInvitations: [['codeHash'], ['countyId', 'createdAt']],
  pledges: [
    ['donorUserId', 'pledgedAt'],
    ['societyId', 'pledgedAt'],
    ['societyId', 'status'],
    // What a pledge received still hands on (server/outbound.ts), oldest first.
    ['outboundAt'],
  ],
  meetings: [['societyId', 'startsAt']],
  monthlyReports: [
    ['societyId', 'month'],
    ['townshipId', 'month'],
    ['countyId', 'month'],
  ],
  auditEvents: [
    ['scopeId', 'seq'],
    ['scopeId', 'pending', 'at'],
    ['pending', 'at'],
  ],
  cases: [
    ['societyId', 'nextDueAt'],
    ['societyId', 'createdAt'],
    ['societyId', 'personKey', 'createdAt'],
    ['applicantUserId', 'createdAt'],
    ['awaitingTownship', 'societyId'],
    ['societyId', 'awaitingNotice', 'paidAt'],
    ['nextDueAt'],
    // What its steps still hand on (server/outbound.ts), oldest first.
    ['outboundAt'],
  ],
  caseEvents: [
    ['caseId', 'seq'],
    ['societyId', 'type', 'at'],
  ],
  notices: [
    ['societyId', 'publishedAt'],
    ['townshipId', 'publishedAt'],
  ],
  noticeObjections: [
    ['societyId', 'raisedAt'],
    ['noticeId', 'raisedAt'],
    ['societyId', 'status', 'dueAt'],
    ['raisedByOpenid', 'raisedAt'],
  ],
  caseFlags: [
    ['societyId', 'at'],
    ['caseId', 'at'],
    ['townshipId', 'status', 'at'],
  ],
  // A digest whose counts change with time, when (oversight/digest.ts).
  societyDigests: [['nextChangeAt']],
  // The digests waiting to be counted again, oldest mark first.
  digestQueue: [['waiting', 'markedAt']],
  fileSlots: [['societyId', 'createdAt']],
  clues: [
    ['societyId', 'createdAt'],
    ['reporterKey', 'createdAt'],
  ],
  programmeHelps: [['societyId', 'appliedOn']],
  listImports: [
    ['villageId', 'appliedAt'],
    ['villageId', 'kind'],
    ['villageId', 'kind', 'status'],
  ],
  listEntries: [
    ['villageId', 'kind', 'active'],
    ['villageId', 'personKey', 'active'],
    ['villageId', 'active'],
  ],
  rosterEntries: [['societyId', 'active', 'nextVisitDue'], ['countyId', 'active'], ['villageId']],
  rosterVisits: [['rosterId', 'visitDay']],
  dataRequests: [
    ['requesterKey', 'filedAt'],
    ['societyId', 'filedAt'],
  ],
  outbox: [
    ['status', 'queuedAt'],
    ['status', 'nextAttemptAt'],
    ['userId', 'queuedAt'],
  ],
};

export type AreaKind = 'county' | 'township' | 'village';

/** A county, township or village (or urban community). */
export interface AreaDoc extends Doc {
  kind: AreaKind;
  name: string;
  parentId: string | null;
  countyId: string;
  townshipId: string | null;
  /** The 统计用区划代码 (county 6, township 9, village 12 digits) of areas made by the first start. */
  code?: string | null;
  /**
   * A village's township's name, written with the village (areas are never renamed), so that a
   * page of villages reads no township (issue 15). Absent on a village written before: read.
   */
  townshipName?: string;
}

export interface SocietyDoc extends Doc {
  name: string;
  villageId: string;
  townshipId: string;
  countyId: string;
  /** R-ORG-1 */
  form: SocietyForm;
  status: SocietyStatus;
  /** 登记证号 (registered) or 备案号 (filed); null while preparing. */
  registrationNumber: string | null;
  /** R-ORG-2: the conditions to start besides money. */
  hasCharter: boolean;
  place: string | null;
  createdAt: string;
  /** A registered society's own account (R-ORG-1); null or absent for a filed one. Name and number sealed (registry/bank-account.ts). */
  bankAccount?: { accountName: string; bankName: string; accountNumber: string } | null;
  /** Who last set the account, and when: members see it beside the account (only the president may change it). */
  bankAccountChangedBy?: { name: string | null; role: string | null } | null;
  bankAccountChangedAt?: string | null;
  /** A filed society's sub-account in the federation's account (R-ORG-1), written in a transfer's note. */
  subAccountCode?: string | null;
  /** The number anyone may call to reach the society (联系互助社), set by its officers; absent or null: no call button. */
  publicPhone?: string | null;
  /** When it became active, and the latest status change (the audit trail keeps them all). */
  activatedAt?: string | null;
  statusChangedAt?: string | null;
  statusReason?: string | null;
  /**
   * The society's relief settings (tiers, second approver), kept with every change of them
   * (cases/settings.ts) so that a step or view that reads the society reads no settings document
   * (issue 15); null: none set, the county's tiers apply. Absent on a society written before it
   * was kept: then `reliefSettings/{societyId}` is read (cases/model.ts `settingsOf`).
   */
  reliefSettings?: ReliefSettingsDoc | null;
  /** Its notice settings (the objection answer days), kept the same way (notices/settings.ts). */
  noticeSettings?: NoticeSettingsDoc | null;
  /**
   * The county's entered year arrangements (R-PROC-3), kept on each of its societies whenever the
   * county enters one (registry/county-copies.ts `keepCountyOnSocieties`), so that a call that
   * reads the society computes deadlines without reading the calendar (issue 15); [] when none is
   * entered. Absent on a society written before it was kept: the calendar is read.
   */
  calendarYears?: YearSchedule[];
  /**
   * The county's decision clock (working days a proposal may wait, cases/county-rules.ts), kept
   * the same way. Absent on a society written before it was kept: the county's settings are read.
   */
  decisionWorkingDays?: number;
  /**
   * Its case numbers (2026-004): the last one given and its Beijing year, taken in the creating
   * transaction (cases/common.ts `nextCaseNo`). Absent on a society written before it kept them:
   * this year's `caseCounters/{societyId}:{year}` document is read the first time.
   */
  caseCounter?: { year: number; seq: number };
  /**
   * Which lists its village has imported (R-ELIG-3/4), and the imports of it still being applied,
   * kept in the imports' own transactions (roster/lists.ts), so that a case step reads no import
   * record (issue 15). A society starts with none: an import names only villages that had a
   * society when it was planned. Absent on a society written before it was kept: the village's
   * import records are read (roster/eligibility.ts).
   */
  listKinds?: KeptListKinds;
  /**
   * The officer roles held in it now (R-ORG-2: president, secretary, supervisor), copies of their
   * memberships, kept in the transaction that grants or revokes one (access/memberships.ts), so
   * that a page of societies reads no memberships (issue 15). A society starts with none. Absent
   * on a society written before it was kept: its memberships are read.
   */
  officers?: MembershipDoc[];
  /**
   * Its notices still up whose paper notice is not yet photographed on the board, copies kept by
   * every write of one (notices/unposted.ts), so the notice to-do reads no notices (issue 15). A
   * society starts with none. Absent on a society written before it kept them: they are read.
   */
  unpostedNotices?: NoticeDoc[];
}

export interface KeptListKinds {
  imported: ListKind[];
  importing: Array<{ importId: string; kind: ListKind }>;
}

export interface UserDoc extends Doc {
  /** The WeChat OPENID this person calls with (unique). */
  openid: string;
  name: string;
  createdAt: string;
  /** The household (户) this person lives in, for recusal: no officer acts on a case of their own household. */
  householdId?: string | null;
  /**
   * The memberships this person holds now (none revoked), kept with every grant and revocation
   * (server/access/memberships.ts) so that a call knows its caller in one read. Absent on a user
   * written before it was kept: then the memberships are read.
   */
  grants?: MembershipDoc[];
}

/** One role held by one user in one society (society roles) or area (township, county, federation). */
export interface MembershipDoc extends Doc {
  userId: string;
  role: Role;
  societyId: string | null;
  areaId: string | null;
  grantedAt: string;
  grantedBy: string;
  /** Revoked by marking, never by deleting (role changes are kept); absent or null while held. */
  revokedAt?: string | null;
  revokedBy?: string | null;
  revokeReason?: string | null;
  /** The invitation it was accepted from, if any. */
  invitationId?: string | null;
}

/** A document of fixed id in `meta`, e.g. which seed the local store holds. */
export interface MetaDoc extends Doc {
  value: unknown;
  updatedAt: string;
}
