/**
 * First start of a county (issue 12): the county bureau's administrator from the deploy's
 * one-time code, its townships and villages from an xlsx file, and the township, federation and
 * county officers it invites. Types shared by the page and the cloud, and the page's checks. Pure.
 */

/** Roles the county bureau invites for an area (a township, or the county itself). */
export const AREA_INVITABLE_ROLES = ['township', 'federation', 'county'] as const;
export type AreaInvitableRole = (typeof AREA_INVITABLE_ROLES)[number];

/** How an area invitation names the role: 「青石镇邀请您担任乡镇（街道）工作人员」. */
export const AREA_ROLE_LABELS: Record<AreaInvitableRole, string> = {
  township: '乡镇（街道）工作人员',
  federation: '联合会工作人员',
  county: '县民政局工作人员',
};

export interface CountyAdminResult {
  countyId: string;
  countyName: string;
  name: string;
}

export interface AreaImportResult {
  /** false: the file was refused whole and nothing was written; `problems` say where. */
  ok: boolean;
  problems: string[];
  townshipsAdded: number;
  villagesAdded: number;
  /** Rows whose village was already there (a re-import never deletes or renames). */
  villagesKept: number;
}

export interface AreaTreeView {
  countyId: string;
  countyName: string;
  countyCode: string | null;
  townships: Array<{
    id: string;
    name: string;
    villages: Array<{ id: string; name: string; hasSociety: boolean }>;
  }>;
}

export interface CreatedAreaInvitation {
  invitationId: string;
  /** Shown once, to the inviter. */
  code: string;
  path: string;
  role: AreaInvitableRole;
  roleLabel: string;
  areaName: string;
  inviteeName: string;
  expiresAt: string;
}

/** The first-start code as printed (groups of four, any case) → what the server compares. */
export function normalizeFirstStartInput(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** A county's 6-digit 统计用区划代码 (e.g. 清溪县 → 3x xx xx). */
export function isCountyCode(input: string): boolean {
  return /^\d{6}$/.test(input.trim());
}
