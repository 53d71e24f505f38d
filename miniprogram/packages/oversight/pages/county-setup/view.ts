/** 乡镇村导入与邀请 (issue 12's first start): the county's areas and the invitation form, shaped for the screen. Pure. */
import type {
  AreaImportResult,
  AreaInvitableRole,
  AreaTreeView,
  CreatedAreaInvitation,
} from '../../../../domain/first-start';
import { formatBeijingTime } from '../../../../domain/case';

export const NOT_COUNTY_MESSAGE = '乡镇和村（社区）由县民政局导入，工作人员由县民政局邀请';

export const IMPORT_HINT =
  '先下载模板，在电脑上填写本县的乡镇、村（社区）和 12 位村代码（统计用区划代码），通过微信发到手机后选择导入。表格有任何一行不对，整份不导入，并列出行号；再次导入只会增加新的村，不会删除或改名。';

export const NEXT_STEP_TEXT =
  '乡镇干部接受邀请后，在「县级总览」为本乡镇的村筹建互助社，并邀请社长；社长再邀请秘书长和监督委员会成员。';

export const ROLE_OPTIONS: ReadonlyArray<{ value: AreaInvitableRole; label: string }> = [
  { value: 'township', label: '乡镇（街道）干部' },
  { value: 'federation', label: '县慈善协会互助社联合会' },
  { value: 'county', label: '县民政局工作人员' },
];

export interface AreaScreen {
  countyName: string;
  summary: string;
  townships: Array<{ id: string; name: string; villagesText: string }>;
}

export function toAreaScreen(tree: AreaTreeView): AreaScreen {
  const villages = tree.townships.reduce((sum, township) => sum + township.villages.length, 0);
  return {
    countyName: tree.countyName,
    summary:
      tree.townships.length === 0
        ? '尚未导入乡镇和村（社区）'
        : `已有 ${tree.townships.length} 个乡镇（街道）、${villages} 个村（社区）`,
    townships: tree.townships.map((township) => {
      const withSociety = township.villages.filter((village) => village.hasSociety).length;
      return {
        id: township.id,
        name: township.name,
        villagesText:
          `${township.villages.map((village) => village.name).join('、')}` +
          `（${township.villages.length} 个${withSociety > 0 ? `，已有互助社 ${withSociety} 个` : ''}）`,
      };
    }),
  };
}

export function importSummary(result: AreaImportResult): string {
  if (!result.ok) return `表格有 ${result.problems.length} 处问题，整份没有导入，请修改后重新导入：`;
  const kept = result.villagesKept > 0 ? `，${result.villagesKept} 个村已经有了（保持不变）` : '';
  return `已导入：新增 ${result.townshipsAdded} 个乡镇（街道）、${result.villagesAdded} 个村（社区）${kept}`;
}

export interface AreaInviteForm {
  role: AreaInvitableRole;
  townshipId: string;
  inviteeName: string;
}

export function emptyAreaInviteForm(): AreaInviteForm {
  return { role: 'township', townshipId: '', inviteeName: '' };
}

export type AreaInviteCheck =
  | { ok: true; input: { role: AreaInvitableRole; areaId: string; inviteeName: string } }
  | { ok: false; problem: string };

export function checkAreaInvite(form: AreaInviteForm, tree: AreaTreeView): AreaInviteCheck {
  const inviteeName = form.inviteeName.trim();
  if (form.role === 'township' && !tree.townships.some((township) => township.id === form.townshipId)) {
    return { ok: false, problem: tree.townships.length === 0 ? '请先导入乡镇和村（社区）' : '请选择乡镇（街道）' };
  }
  if (!inviteeName) return { ok: false, problem: '请填写被邀请人姓名' };
  return {
    ok: true,
    input: { role: form.role, areaId: form.role === 'township' ? form.townshipId : tree.countyId, inviteeName },
  };
}

export interface CreatedAreaScreen {
  headline: string;
  code: string;
  path: string;
  expiresText: string;
}

export function toCreatedAreaScreen(created: CreatedAreaInvitation): CreatedAreaScreen {
  return {
    headline: `已邀请 ${created.inviteeName} 担任${created.areaName}的${created.roleLabel}`,
    code: created.code,
    path: created.path,
    expiresText: `有效期至 ${formatBeijingTime(created.expiresAt, true)}；邀请码只显示这一次，请现在发给对方`,
  };
}
