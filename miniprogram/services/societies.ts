import type { MeView, SocietyForm, SocietyListItem, SocietyPublicView } from '../domain/society';
import type {
  AcceptResult,
  BankAccount,
  CountyDashboardView,
  TownshipVillagesPage,
  CreatedInvitation,
  FederationOverviewView,
  InvitableRole,
  InvitationListItem,
  MemberView,
  SocietySettingsView,
} from '../domain/registry';
import type { InvitationView } from '../domain/funds';
import type {
  AreaImportResult,
  AreaInvitableRole,
  AreaTreeView,
  CountyAdminResult,
  CreatedAreaInvitation,
} from '../domain/first-start';
import { activeBackend } from './backend';
import { callCloud, getDemoCaller, type CloudResult } from './cloud';

/** A society's public page: anyone may read it, no login needed. */
export function fetchSocietyPublicPage(societyId: string): Promise<SocietyPublicView> {
  return callCloud('societies', 'getPublicPage', { societyId });
}

/** Where the last `me` is kept on the phone (issue 11: home offline, drafts bound to the user). */
export const LAST_ME_KEY = 'last-me';

/** The caller and the roles they hold; an unknown caller gets `userId: null, roles: []`. */
export async function fetchMe(): Promise<MeView> {
  const me = await callCloud('societies', 'me', {});
  wx.setStorageSync(LAST_ME_KEY, me);
  return me;
}

/**
 * The last `me` this phone received, or null. Against the local stack, only while the same demo
 * caller is chosen (it is who the stack answers for).
 */
export function lastMe(): MeView | null {
  const stored: unknown = wx.getStorageSync(LAST_ME_KEY);
  if (!stored || typeof stored !== 'object') return null;
  const me = stored as Partial<MeView>;
  if (typeof me.openid !== 'string' || !me.openid || !Array.isArray(me.roles) || !Array.isArray(me.activities)) {
    return null;
  }
  if (activeBackend() === 'local' && me.openid !== getDemoCaller()) return null;
  return stored as MeView;
}

/** The societies the caller oversees (township: its own; county and federation: all). */
export async function fetchSocieties(townshipId?: string): Promise<SocietyListItem[]> {
  const payload = townshipId ? { townshipId } : {};
  const { items } = await callCloud('societies', 'list', payload);
  return items;
}

// --- registry (R-ORG-1, R-ORG-2) ---

/** Settings and the activation checklist (officers, supervisor, township, county, federation). */
export function fetchSocietySettings(societyId: string): Promise<SocietySettingsView> {
  return callCloud('societies', 'settings', { societyId });
}

/** Township or county: start a society for a village (one per village; a retry finds the first). */
export function createSociety(villageId: string, form: SocietyForm, name?: string): Promise<SocietySettingsView> {
  return callCloud('societies', 'create', { villageId, form, ...(name ? { name } : {}) });
}

export function updateSociety(input: {
  societyId: string;
  name?: string;
  hasCharter?: boolean;
  place?: string | null;
  bankAccount?: BankAccount | null;
}): Promise<SocietySettingsView> {
  return callCloud('societies', 'update', input);
}

/** 联系互助社: the president or secretary sets (or, with null, clears) the society's public phone. */
export function setSocietyPhone(societyId: string, publicPhone: string | null): Promise<SocietySettingsView> {
  return callCloud('societies', 'setPublicPhone', { societyId, publicPhone });
}

export function setSubAccount(societyId: string, subAccountCode: string): Promise<SocietySettingsView> {
  return callCloud('societies', 'setSubAccount', { societyId, subAccountCode });
}

/** County (registered) or township (filed): refused, with what is missing, until R-ORG-2 is met. */
export function activateSociety(societyId: string, registrationNumber: string): Promise<SocietySettingsView> {
  return callCloud('societies', 'activate', { societyId, registrationNumber });
}

export function suspendSociety(societyId: string, reason: string): Promise<SocietySettingsView> {
  return callCloud('societies', 'suspend', { societyId, reason });
}

export function resumeSociety(societyId: string, reason: string): Promise<SocietySettingsView> {
  return callCloud('societies', 'resume', { societyId, reason });
}

export function fetchCountyDashboard(): Promise<CountyDashboardView> {
  return callCloud('societies', 'countyDashboard', {});
}

/** One page of a township's villages on the county dashboard (`offset`: the last page's nextOffset). */
export function fetchDashboardVillages(townshipId: string, offset = 0, limit?: number): Promise<TownshipVillagesPage> {
  return callCloud('societies', 'dashboardVillages', { townshipId, offset, ...(limit ? { limit } : {}) });
}

export function fetchFederationOverview(): Promise<FederationOverviewView> {
  return callCloud('societies', 'federationOverview', {});
}

// --- members and invitations ---

/** The code and link come back this once: show them (and a QR code of `path`) right away. */
export function createInvitation(input: {
  requestId: string;
  societyId: string;
  role: InvitableRole;
  inviteeName: string;
  message?: string;
  validDays?: number;
}): Promise<CreatedInvitation> {
  return callCloud('societies', 'createInvitation', input);
}

/** Anyone holding the code (the invite page, before accepting). */
export function openInvitation(code: string): Promise<InvitationView> {
  return callCloud('societies', 'openInvitation', { code });
}

export function acceptInvitation(code: string, name?: string): Promise<AcceptResult> {
  return callCloud('societies', 'acceptInvitation', { code, ...(name ? { name } : {}) });
}

export function revokeInvitation(invitationId: string): Promise<CloudResult<'societies', 'revokeInvitation'>> {
  return callCloud('societies', 'revokeInvitation', { invitationId });
}

export async function fetchInvitations(societyId: string): Promise<InvitationListItem[]> {
  const { items } = await callCloud('societies', 'listInvitations', { societyId });
  return items;
}

export async function fetchMembers(societyId: string, includeRevoked = false): Promise<MemberView[]> {
  const { items } = await callCloud('societies', 'listMembers', { societyId, includeRevoked });
  return items;
}

/** The holder resigning, the president, or the township/county; the record is kept, marked. */
export function revokeRole(membershipId: string, reason: string): Promise<MemberView> {
  return callCloud('societies', 'revokeRole', { membershipId, reason });
}

// --- first start (issue 12) ---

/** The holder of the deploy's one-time code becomes the county bureau's administrator. */
export function claimCountyAdmin(input: {
  firstStartCode: string;
  name: string;
  countyName: string;
  countyCode: string;
}): Promise<CountyAdminResult> {
  return callCloud('societies', 'claimCountyAdmin', input);
}

/** The county's townships and villages, and which villages have a society. */
export function fetchAreas(): Promise<AreaTreeView> {
  return callCloud('societies', 'areas', {});
}

/** The xlsx template for the county's townships and villages, as Base64. */
export function fetchAreaTemplate(): Promise<{ fileName: string; base64: string }> {
  return callCloud('spreadsheets', 'areaTemplate', {});
}

/** Imports the townships and villages; a file with any bad row is refused whole (`ok: false`, `problems`). */
export function importAreas(fileBase64: string): Promise<AreaImportResult> {
  return callCloud('spreadsheets', 'importAreas', { fileBase64 });
}

/** The county bureau invites a township, federation or county officer (the code is shown once). */
export function createAreaInvitation(input: {
  requestId: string;
  role: AreaInvitableRole;
  areaId: string;
  inviteeName: string;
}): Promise<CreatedAreaInvitation> {
  return callCloud('societies', 'createAreaInvitation', input);
}
