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
