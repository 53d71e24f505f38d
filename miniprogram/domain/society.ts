/**
 * Societies, their form and status (R-ORG-1, R-ORG-2), and the roles people hold.
 * Shared by the pages and the cloud: types and Chinese labels only, no I/O.
 */
import type { PublicFundraisingLink } from './funds';

/** R-ORG-1: registered (登记) with the county bureau and its own account, or filed (备案) with the township, its money in a federation sub-account. */
export type SocietyForm = 'registered' | 'filed';

export type SocietyStatus = 'preparing' | 'active' | 'suspended';

export const SOCIETY_FORM_LABELS: Record<SocietyForm, string> = {
  registered: '登记',
  filed: '备案',
};

export const SOCIETY_STATUS_LABELS: Record<SocietyStatus, string> = {
  preparing: '筹备中',
  active: '运行中',
  suspended: '已暂停',
};

/** R-ORG-2: a society needs at least 30,000 yuan before it can be activated. */
export const STARTUP_FUND_TARGET_FEN = 30_000_00;

/** Roles held in a society, plus the area-wide oversight roles (DESIGN.md, Actors). */
export type SocietyRole =
  'applicant' | 'resident' | 'donor' | 'member' | 'volunteer' | 'secretary' | 'president' | 'supervisor';
export type AreaRole = 'township' | 'county' | 'federation';
export type Role = SocietyRole | AreaRole;

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申请人',
  resident: '村民',
  donor: '捐赠人',
  member: '会员',
  /** 志愿者, 网格员 and 驻村工作队 members who report clues (issue 13). */
  volunteer: '志愿者',
  secretary: '秘书长',
  president: '社长',
  supervisor: '村监督委员会',
  township: '乡镇',
  county: '县民政局',
  federation: '县慈善协会互助社联合会',
};

export const OFFICER_ROLES: readonly Role[] = ['secretary', 'president'];
export const OVERSIGHT_ROLES: readonly Role[] = ['supervisor', 'township', 'county', 'federation'];

/** What anyone may see of a society on its public page. */
export interface SocietyPublicView {
  id: string;
  name: string;
  villageName: string;
  townshipName: string;
  countyName: string;
  form: SocietyForm;
  formLabel: string;
  status: SocietyStatus;
  statusLabel: string;
  /** 登记证号 or 备案号 */
  registrationNumber: string | null;
  fund: {
    balanceFen: number;
    raisedFen: number;
    targetFen: number;
  };
  /**
   * R-FUND-2: where the county recorded that the federation holds the public-fundraising
   * qualification, its project on a designated platform — shown as a link only, never a payment.
   */
  publicFundraising?: PublicFundraisingLink | null;
  /** The society's public phone (联系互助社), set by its officers; null: no call button. */
  publicPhone?: string | null;
}

/** One role a caller holds, where it holds it. */
export interface RoleGrant {
  role: Role;
  roleLabel: string;
  /** Set for society roles. */
  societyId: string | null;
  /** Name of the society, township or county the role applies to. */
  scopeName: string;
}

/** The caller as the cloud knows them. */
/** What a caller has done that opens a page of its own on home, whatever roles they hold. */
export type CallerActivity = 'raisedObjection' | 'reportedClue';

export interface MeView {
  openid: string;
  userId: string | null;
  name: string | null;
  roles: RoleGrant[];
  activities: CallerActivity[];
  /** A first-start code was deployed and is still unused (issue 12): home offers 县级管理员初始化. */
  firstStartOpen?: boolean;
}

/** A society in the township's or county's list. */
export interface SocietyListItem {
  id: string;
  name: string;
  villageName: string;
  townshipName: string;
  form: SocietyForm;
  formLabel: string;
  status: SocietyStatus;
  statusLabel: string;
  balanceFen: number;
  raisedFen: number;
}
