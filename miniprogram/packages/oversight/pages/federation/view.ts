/**
 * The federation's view (R-ORG-1): the sub-accounts of the filed societies whose money it holds,
 * and the federation total, which must equal the sum of the sub-accounts; the county's fund
 * settings (the federation's bank account, the public-fundraising qualification, R-FUND-2). Pure.
 */
import { formatYuan, sumFen } from '../../../../domain/money';
import type { CountyFundSettingsView, PublicFundraisingLink } from '../../../../domain/funds';
import type { BankAccount, FederationOverviewView } from '../../../../domain/registry';
import type { Role } from '../../../../domain/society';
import { STATUS_TAG_THEMES, type TagTheme } from '../../../../utils/society-format';

export const NOT_FEDERATION_MESSAGE = '分账户总览由县慈善协会互助社联合会和县民政局查看';
export const NO_SUB_ACCOUNTS_MESSAGE = '还没有备案的互助社';
export const NO_ACCOUNT_TEXT = '尚未登记联合会银行账户';
export const NO_PUBLIC_FUNDRAISING_TEXT = '未登记公开募捐资格：各互助社只接受凭邀请的捐赠';

export interface SubAccountRow {
  societyId: string;
  societyName: string;
  place: string;
  codeText: string;
  statusLabel: string;
  statusTheme: TagTheme;
  balanceText: string;
  raisedText: string;
  /** The code as it is, '' when none is open yet. */
  code: string;
  /** 「开设分账户」 or 「调整分账户代码」, for the federation only; '' for the county bureau. */
  actionLabel: string;
}

export interface FederationScreen {
  accountLines: string[];
  rows: SubAccountRow[];
  totalText: string;
  /** 4 个分账户之和 ¥40,500.00，与合计一致 */
  sumText: string;
  sumMatches: boolean;
  publicFundraisingLines: string[];
  canEditAccount: boolean;
  canEditPublicFundraising: boolean;
  /** R-ORG-1: the federation opens and adjusts sub-accounts. */
  canEditSubAccounts: boolean;
}

export function accountLines(account: BankAccount | null): string[] {
  return account
    ? [`户名：${account.accountName}`, `开户行：${account.bankName}`, `账号：${account.accountNumber}`]
    : [NO_ACCOUNT_TEXT];
}

export function publicFundraisingLines(link: PublicFundraisingLink | null): string[] {
  return link
    ? [
        `${link.qualificationHolder}具有公开募捐资格`,
        `平台：${link.platformName}`,
        `项目：${link.projectName}`,
        link.url,
      ]
    : [NO_PUBLIC_FUNDRAISING_TEXT];
}

export function toFederationScreen(
  overview: FederationOverviewView | null,
  settings: CountyFundSettingsView,
  roles: readonly Role[],
): FederationScreen {
  const subAccounts = overview?.subAccounts ?? [];
  const canEditSubAccounts = roles.includes('federation');
  const sum = sumFen(subAccounts.map((row) => row.balanceFen));
  const total = overview?.totalFen ?? 0;
  return {
    accountLines: accountLines(settings.federationAccount),
    rows: subAccounts.map((row) => ({
      societyId: row.societyId,
      societyName: row.societyName,
      place: `${row.townshipName} · ${row.villageName}`,
      codeText: row.subAccountCode ? `分账户 ${row.subAccountCode}` : '尚未开设分账户',
      statusLabel: row.statusLabel,
      statusTheme: STATUS_TAG_THEMES[row.status],
      balanceText: formatYuan(row.balanceFen),
      raisedText: `累计筹集 ${formatYuan(row.raisedFen)}`,
      code: row.subAccountCode ?? '',
      actionLabel: canEditSubAccounts ? (row.subAccountCode ? '调整分账户代码' : '开设分账户') : '',
    })),
    totalText: formatYuan(total),
    sumMatches: sum === total,
    sumText:
      sum === total
        ? `${subAccounts.length} 个分账户之和 ${formatYuan(sum)}，与合计一致`
        : `${subAccounts.length} 个分账户之和 ${formatYuan(sum)}，与合计不一致，请核对`,
    publicFundraisingLines: publicFundraisingLines(settings.publicFundraising),
    canEditAccount: roles.includes('federation'),
    canEditPublicFundraising: roles.includes('county'),
    canEditSubAccounts,
  };
}

export interface AccountForm {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

export function accountProblems(form: AccountForm): string[] {
  const problems: string[] = [];
  if (!form.accountName.trim()) problems.push('请填写户名');
  if (!form.bankName.trim()) problems.push('请填写开户行');
  if (!/^[0-9 ]{8,40}$/.test(form.accountNumber.trim())) problems.push('账号须为 8 到 40 位数字（可含空格）');
  return problems;
}

export interface FundraisingForm {
  qualificationHolder: string;
  platformName: string;
  projectName: string;
  url: string;
}

export function fundraisingProblems(form: FundraisingForm): string[] {
  const problems: string[] = [];
  if (!form.qualificationHolder.trim()) problems.push('请填写具有公开募捐资格的组织');
  if (!form.platformName.trim()) problems.push('请填写公开募捐信息平台');
  if (!form.projectName.trim()) problems.push('请填写募捐项目名称');
  if (!/^https:\/\/\S+$/i.test(form.url.trim())) problems.push('项目链接须为 https 开头的网址');
  return problems;
}

/** What the cloud accepts as a code (server/functions/societies.ts): letters, digits, hyphens. */
const SUB_ACCOUNT_CODE = /^[A-Za-z0-9-]{2,30}$/;

/** Why a sub-account code cannot be sent, in Chinese; empty when it can (the cloud checks again). */
export function subAccountCodeProblems(code: string, current: string): string[] {
  const value = code.trim();
  if (!value) return ['请填写分账户代码'];
  if (!SUB_ACCOUNT_CODE.test(value)) return ['分账户代码须为 2 到 30 位字母、数字或短横线，例如 QXLH-005'];
  if (value === current) return ['代码没有改变'];
  return [];
}

/** The confirmation before opening or adjusting a sub-account: what changes, and what donors must know. */
export function subAccountConfirmation(
  societyName: string,
  current: string,
  code: string,
): { title: string; content: string; confirmText: string } {
  const value = code.trim();
  return current
    ? {
        title: '调整分账户代码',
        content: `把${societyName}的分账户代码由 ${current} 改为 ${value}？改后捐赠人转账须在附言中写新代码，请通知已告知旧代码的捐赠人。`,
        confirmText: '确认调整',
      }
    : {
        title: '开设分账户',
        content: `为${societyName}开设分账户 ${value}？捐赠人转账到联合会账户时，须在附言中写明这个代码。`,
        confirmText: '确认开设',
      };
}
