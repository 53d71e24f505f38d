/**
 * Every collection, its document shape, and the indexes its queries need. The SQLite adapter
 * creates these indexes; `npm run build` writes the same list to database/indexes.json for
 * CloudBase. Documents never hold money as anything but integer fen.
 */
import type { Doc } from './ports/store';
import type { Role, SocietyForm, SocietyStatus } from '../miniprogram/domain/society';

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
  workCalendars: 'workCalendars',
  meta: 'meta',
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
  ],
  auditEvents: [['scopeId', 'seq']],
};

export type AreaKind = 'county' | 'township' | 'village';

/** A county, township or village (or urban community). */
export interface AreaDoc extends Doc {
  kind: AreaKind;
  name: string;
  parentId: string | null;
  countyId: string;
  townshipId: string | null;
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
}

export interface UserDoc extends Doc {
  /** The WeChat OPENID this person calls with (unique). */
  openid: string;
  name: string;
  createdAt: string;
}

/** One role held by one user in one society (society roles) or area (township, county, federation). */
export interface MembershipDoc extends Doc {
  userId: string;
  role: Role;
  societyId: string | null;
  areaId: string | null;
  grantedAt: string;
  grantedBy: string;
}

/** A document of fixed id in `meta`, e.g. which seed the local store holds. */
export interface MetaDoc extends Doc {
  value: unknown;
  updatedAt: string;
}
