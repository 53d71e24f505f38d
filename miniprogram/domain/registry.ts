/**
 * The registry of societies (R-ORG-1, R-ORG-2) and who holds which role: the activation
 * checklist, which roles are officer roles, who may invite whom, and the views of the county
 * dashboard, the federation's sub-accounts and the member list. Pure: shared by pages and cloud.
 */
import type { Fen } from './money';
import { STARTUP_FUND_TARGET_FEN, type Role, type SocietyForm, type SocietyStatus } from './society';
import type { RaisingType } from './funds';
import type { AreaInvitableRole } from './first-start';

/** Officer roles: held in one society at a time, and one of them at a time (our reading: the plan names distinct people). */
export const OFFICER_ROLE_SET = ['president', 'secretary', 'supervisor'] as const;
export type OfficerRole = (typeof OFFICER_ROLE_SET)[number];

export function isOfficerRole(role: Role): role is OfficerRole {
  return (OFFICER_ROLE_SET as readonly string[]).includes(role);
}

/** A society has one president and one secretary at a time; the supervision committee may have several members. */
export const SINGLE_HOLDER_ROLES: readonly Role[] = ['president', 'secretary'];

/** Roles given by invitation (applicants and residents need none). */
export const INVITABLE_ROLES = ['president', 'secretary', 'supervisor', 'member', 'donor', 'volunteer'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/**
 * Who may invite to which role (our reading of the plan's actors): the township or the county
 * bureau appoints the founding officers; the president manages members and officers below
 * them; the secretary keeps the roster and invites members and donors; the federation invites
 * donors for the filed societies whose money it holds.
 */
export function mayInvite(inviterRole: Role, role: InvitableRole, form: SocietyForm): boolean {
  switch (inviterRole) {
    case 'county':
    case 'township':
      return true;
    case 'president':
      return role !== 'president';
    case 'secretary':
      // Volunteers, 网格员 and 驻村工作队 members report clues (issue 13): the secretary keeps the roster.
      return role === 'member' || role === 'donor' || role === 'volunteer';
    case 'federation':
      return role === 'donor' && form === 'filed';
    default:
      return false;
  }
}

/** Days an invitation stays valid unless the inviter says otherwise, and at most. */
export const INVITATION_DEFAULT_DAYS = 14;
export const INVITATION_MAX_DAYS = 60;

/** The mini program page that opens an invitation; the code rides in the query (share link or QR code). */
export const INVITATION_PAGE = '/pages/invite/index';
export function invitationPath(code: string): string {
  return `${INVITATION_PAGE}?code=${encodeURIComponent(code)}`;
}

/** Codes are typed by hand too: no 0/O, 1/I/L. */
export const INVITATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 10;

/** Upper-cases and drops spaces and dashes, so "ab3d-ef7g" reads as typed on the card. */
export function normalizeInvitationCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// R-ORG-2: activation

export interface ActivationInput {
  hasCharter: boolean;
  place: string | null;
  officers: Record<OfficerRole, number>;
  raisedByChannel: Record<RaisingType, Fen>;
}

export type ActivationItemKey = 'charter' | 'place' | 'president' | 'secretary' | 'supervisor' | 'funds';

export interface ActivationItem {
  key: ActivationItemKey;
  label: string;
  ok: boolean;
  detail: string;
}

export interface ActivationChecklist {
  ready: boolean;
  items: ActivationItem[];
  raisedFen: Fen;
  targetFen: Fen;
  /** How far from 30,000 yuan; 0 once reached. */
  shortfallFen: Fen;
}

const OFFICER_LABELS: Record<OfficerRole, string> = {
  president: '社长',
  secretary: '秘书长',
  supervisor: '监督委员会成员',
};

/** R-ORG-2: a charter, a fixed place, people (president, secretary, supervisor) and at least 30,000 yuan raised. */
export function activationChecklist(input: ActivationInput): ActivationChecklist {
  const raisedFen =
    input.raisedByChannel.countySubsidy + input.raisedByChannel.collectiveFund + input.raisedByChannel.donation;
  const shortfallFen = Math.max(0, STARTUP_FUND_TARGET_FEN - raisedFen);
  const place = input.place?.trim() ?? '';
  const items: ActivationItem[] = [
    { key: 'charter', label: '章程', ok: input.hasCharter, detail: input.hasCharter ? '已制定' : '尚未制定章程' },
    { key: 'place', label: '固定场所', ok: place !== '', detail: place || '尚未确定场所' },
    ...(['president', 'secretary', 'supervisor'] as const).map((role) => ({
      key: role,
      label: OFFICER_LABELS[role],
      ok: input.officers[role] > 0,
      detail: input.officers[role] > 0 ? `已有 ${input.officers[role]} 人` : `尚无${OFFICER_LABELS[role]}`,
    })),
    {
      key: 'funds',
      label: '启动资金',
      ok: shortfallFen === 0,
      detail: shortfallFen === 0 ? '已达到 30,000 元' : `还差 ${formatShortfall(shortfallFen)}`,
    },
  ];
  return {
    ready: items.every((item) => item.ok),
    items,
    raisedFen,
    targetFen: STARTUP_FUND_TARGET_FEN,
    shortfallFen,
  };
}

function formatShortfall(fen: Fen): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${cents ? `.${String(cents).padStart(2, '0')}` : ''} 元`;
}

// ---------------------------------------------------------------------------------------------
// Views

export interface BankAccount {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

/** One village of the county on the county dashboard: "应登记尽登记" at a glance. */
export interface DashboardVillage {
  villageId: string;
  villageName: string;
  townshipId: string;
  townshipName: string;
  /** 'none': no society yet. */
  state: 'none' | SocietyStatus;
  stateLabel: string;
  society: {
    id: string;
    name: string;
    form: SocietyForm;
    formLabel: string;
    registrationNumber: string | null;
    balanceFen: Fen;
    raisedByChannel: Record<RaisingType, Fen>;
    checklist: ActivationChecklist;
  } | null;
}

/** How far "应登记尽登记" has come in a township, or in the county (the sum of its townships). */
export interface DashboardCounts {
  villages: number;
  /** Villages without a society yet. */
  none: number;
  preparing: number;
  active: number;
  suspended: number;
  registered: number;
  filed: number;
}

export interface DashboardTownship extends DashboardCounts {
  townshipId: string;
  townshipName: string;
}

/**
 * The county dashboard's first view (issue 15): the county's counts and one row per township,
 * read from counters kept by every registry write, so it costs the same at 100 or 5,000 villages.
 * A township officer gets their own township only. The villages come a page at a time
 * (TownshipVillagesPage).
 */
export interface CountyDashboardView {
  countyId: string;
  countyName: string;
  summary: DashboardCounts;
  townships: DashboardTownship[];
  /** A township officer's own township: the page opens its villages at once. Null for the county and the federation. */
  ownTownshipId: string | null;
  /** Whether this year's and next year's holidays and make-up days are on file (deadlines depend on them). */
  workCalendar: { complete: boolean; years: Array<{ year: number; source: string; complete: boolean }> };
}

/** Villages per page of a township on the county dashboard. */
export const DASHBOARD_VILLAGES_PAGE = 50;

/** One page of a township's villages, by name, each with its society's state. */
export interface TownshipVillagesPage {
  townshipId: string;
  townshipName: string;
  villages: DashboardVillage[];
  /** The offset of the next page, or null on the last one. */
  nextOffset: number | null;
}

export interface SubAccountView {
  societyId: string;
  societyName: string;
  villageName: string;
  townshipName: string;
  subAccountCode: string | null;
  status: SocietyStatus;
  statusLabel: string;
  balanceFen: Fen;
  raisedFen: Fen;
}

export interface FederationOverviewView {
  countyId: string;
  account: BankAccount | null;
  subAccounts: SubAccountView[];
  /** The federation's total for these societies = the sum of the sub-accounts. */
  totalFen: Fen;
}

export interface MemberView {
  membershipId: string;
  userId: string;
  name: string;
  role: Role;
  roleLabel: string;
  grantedAt: string;
  grantedByName: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
}

export interface SocietySettingsView {
  id: string;
  name: string;
  form: SocietyForm;
  formLabel: string;
  status: SocietyStatus;
  statusLabel: string;
  registrationNumber: string | null;
  hasCharter: boolean;
  place: string | null;
  bankAccount: BankAccount | null;
  subAccountCode: string | null;
  /** The society's public phone (联系互助社), set by the president or secretary. */
  publicPhone?: string | null;
  checklist: ActivationChecklist;
  /** R-FUND-1, R-ORG-2: what each start-up channel has raised (net of reversals). */
  raisedByChannel: Record<RaisingType, Fen>;
}

/** What the inviter gets back: the code and link are shown this once (only a hash is kept). */
export interface CreatedInvitation {
  invitationId: string;
  code: string;
  /** The page a share link or QR code opens. */
  path: string;
  role: InvitableRole;
  roleLabel: string;
  inviteeName: string;
  expiresAt: string;
}

export interface AcceptResult {
  /** Empty for a township, federation or county invitation (issue 12's first start). */
  societyId: string;
  societyName: string;
  role: InvitableRole | AreaInvitableRole;
  roleLabel: string;
  userId: string;
  name: string;
  membershipId: string;
}

export interface InvitationListItem {
  id: string;
  role: InvitableRole;
  roleLabel: string;
  inviteeName: string;
  status: 'open' | 'accepted' | 'revoked' | 'expired';
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  acceptedByName: string | null;
}
