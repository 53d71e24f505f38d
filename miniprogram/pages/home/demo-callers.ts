/** The demo identities the local stack accepts in `x-openid` (see server/seed/demo-county.ts). */
export interface DemoCaller {
  openid: string;
  label: string;
}

export const DEMO_CALLERS: readonly DemoCaller[] = [
  { openid: 'demo-applicant', label: '李秀英（申请人）' },
  { openid: 'demo-resident', label: '周小红（村民）' },
  { openid: 'demo-donor', label: '青石建材有限公司（捐赠人）' },
  { openid: 'demo-member', label: '陈立新（会员）' },
  { openid: 'demo-secretary', label: '刘芳（秘书长）' },
  { openid: 'demo-president', label: '王建国（社长）' },
  { openid: 'demo-supervisor', label: '赵德明（村监督委员会）' },
  { openid: 'demo-township', label: '青石镇民政办（乡镇）' },
  { openid: 'demo-county', label: '清溪县民政局（县民政局）' },
  { openid: 'demo-federation', label: '县慈善协会（互助社联合会）' },
];

export function demoCallerLabel(openid: string): string {
  return DEMO_CALLERS.find((caller) => caller.openid === openid)?.label ?? openid;
}
