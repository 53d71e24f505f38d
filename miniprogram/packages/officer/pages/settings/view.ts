/**
 * 救助标准设置 (R-CAP-3): the society's tiers inside the caps of R-CAP-1/2, and the second approving
 * officer. The president edits; the secretary and the supervisor read. Pure: tested without rendering.
 */
import {
  MAX_TIERS_PER_TYPE,
  RELIEF_CAP_FEN,
  RELIEF_TYPES,
  RELIEF_TYPE_LABELS,
  tierProblems,
  type ReliefTiers,
  type ReliefType,
} from '../../../../domain/relief';
import type { ReliefSettingsView } from '../../../../domain/case';
import type { MemberView } from '../../../../domain/registry';
import type { MeView } from '../../../../domain/society';
import { fenToYuanInput, formatYuanShort, yuanToFen } from '../../../../domain/money';
import { formatBeijingTime } from '../../../../domain/case';

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从工作台进入';
export const NOT_A_READER_MESSAGE = '只有本互助社的社长、秘书长和村监督委员会可以查看救助标准';
export const READ_ONLY_NOTE = '救助档次和第二审批人由社长设置，您可以查看。';
export const SAVED_TOAST = '救助标准已保存';

export interface TierDraft {
  id: string;
  label: string;
  /** What the president typed, in yuan. */
  yuan: string;
}

export type TiersDraft = Record<ReliefType, TierDraft[]>;

export type SettingsAccess = 'edit' | 'read' | 'none';

/** The president of this society edits; its secretary and supervisor read; anyone else is refused. */
export function settingsAccess(me: MeView, societyId: string): SettingsAccess {
  const roles = me.roles.filter((grant) => grant.societyId === societyId).map((grant) => grant.role);
  if (roles.includes('president')) return 'edit';
  if (roles.includes('secretary') || roles.includes('supervisor')) return 'read';
  return 'none';
}

export function toTiersDraft(tiers: ReliefTiers): TiersDraft {
  const draft = { supplementary: [], emergency: [] } as TiersDraft;
  for (const type of RELIEF_TYPES) {
    draft[type] = tiers[type].map((tier) => ({
      id: tier.id,
      label: tier.label,
      yuan: fenToYuanInput(tier.amountFen).replace(/\.00$/, ''),
    }));
  }
  return draft;
}

/** A tier id not used yet in this type: s1, s2 … / e1, e2 … */
export function nextTierId(type: ReliefType, existing: readonly TierDraft[]): string {
  const prefix = type === 'supplementary' ? 's' : 'e';
  const used = new Set(existing.map((tier) => tier.id));
  let n = existing.length + 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六'];

export function addTier(draft: TiersDraft, type: ReliefType): TiersDraft {
  if (draft[type].length >= MAX_TIERS_PER_TYPE) return draft;
  const label = `${ORDINALS[draft[type].length] ?? draft[type].length + 1}档`;
  return { ...draft, [type]: [...draft[type], { id: nextTierId(type, draft[type]), label, yuan: '' }] };
}

export function removeTier(draft: TiersDraft, type: ReliefType, id: string): TiersDraft {
  return { ...draft, [type]: draft[type].filter((tier) => tier.id !== id) };
}

export function changeTier(draft: TiersDraft, type: ReliefType, id: string, patch: Partial<TierDraft>): TiersDraft {
  return { ...draft, [type]: draft[type].map((tier) => (tier.id === id ? { ...tier, ...patch } : tier)) };
}

/** The tiers to save, or the Chinese problems (amounts typed wrong, above the caps of R-CAP-1/2, …). */
export function parseTiers(draft: TiersDraft): { tiers: ReliefTiers; problems: string[] } {
  const problems: string[] = [];
  const tiers: ReliefTiers = { supplementary: [], emergency: [] };
  for (const type of RELIEF_TYPES) {
    for (const tier of draft[type]) {
      let amountFen = 0;
      try {
        amountFen = yuanToFen(tier.yuan);
      } catch {
        problems.push(`${RELIEF_TYPE_LABELS[type]}「${tier.label.trim() || tier.id}」的金额请填写数字（元）`);
        continue;
      }
      tiers[type].push({ id: tier.id, label: tier.label.trim(), amountFen });
    }
  }
  if (problems.length === 0) problems.push(...tierProblems(tiers));
  return { tiers, problems };
}

export interface TierRow extends TierDraft {
  amountText: string;
}

export interface TierSection {
  type: ReliefType;
  title: string;
  capText: string;
  rows: TierRow[];
  canAdd: boolean;
}

export interface ApproverOption {
  userId: string;
  label: string;
}

export interface SettingsScreen {
  sections: TierSection[];
  defaultsNote: string;
  updatedText: string;
  approverText: string;
  approverOptions: ApproverOption[];
}

export function toTierSections(draft: TiersDraft): TierSection[] {
  return RELIEF_TYPES.map((type) => ({
    type,
    title: RELIEF_TYPE_LABELS[type],
    capText: `每人次最多 ${formatYuanShort(RELIEF_CAP_FEN[type])}（${type === 'supplementary' ? 'R-CAP-1' : 'R-CAP-2'}）`,
    rows: draft[type].map((tier) => {
      let amountText = '';
      try {
        amountText = formatYuanShort(yuanToFen(tier.yuan));
      } catch {
        amountText = tier.yuan;
      }
      return { ...tier, amountText };
    }),
    canAdd: draft[type].length < MAX_TIERS_PER_TYPE,
  }));
}

/** Officers of the society who may be named second approver (secretaries; another president). */
export function approverOptions(members: readonly MemberView[]): ApproverOption[] {
  const seen = new Set<string>();
  const options: ApproverOption[] = [{ userId: '', label: '不指定（只由社长审批）' }];
  for (const member of members) {
    if (member.revokedAt || (member.role !== 'secretary' && member.role !== 'president') || seen.has(member.userId)) {
      continue;
    }
    seen.add(member.userId);
    options.push({ userId: member.userId, label: `${member.name}（${member.roleLabel}）` });
  }
  return options;
}

export function toSettingsScreen(
  view: ReliefSettingsView,
  draft: TiersDraft,
  members: readonly MemberView[],
): SettingsScreen {
  return {
    sections: toTierSections(draft),
    defaultsNote: view.defaults ? '本社还没有设置自己的救助档次，现在使用的是系统参考档次，请社长按本社情况设置。' : '',
    updatedText: view.updatedAt ? `最近保存 ${formatBeijingTime(view.updatedAt, true)}` : '',
    approverText: view.secondApprover
      ? `第二审批人：${view.secondApprover.name}`
      : '第二审批人：未指定（只由社长审批）',
    approverOptions: approverOptions(members),
  };
}
