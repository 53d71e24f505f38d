/** 县级管理员初始化: the form's checks and texts (issue 12's first start). Pure. */
import { isCountyCode, normalizeFirstStartInput } from '../../../../domain/first-start';

export const INTRO_TEXT =
  '系统部署完成时，部署人员会得到一个一次性的初始化码。输入初始化码的人将成为本县民政局的管理员，之后由其导入乡镇和村（社区）、邀请乡镇和联合会的工作人员。初始化码只能使用一次。';

export const COUNTY_SETUP_PATH = '/packages/oversight/pages/county-setup/index';

export interface FirstStartForm {
  code: string;
  name: string;
  countyName: string;
  countyCode: string;
}

export function emptyFirstStartForm(): FirstStartForm {
  return { code: '', name: '', countyName: '', countyCode: '' };
}

export type FirstStartCheck =
  | { ok: true; input: { firstStartCode: string; name: string; countyName: string; countyCode: string } }
  | { ok: false; problem: string };

/** What the phone can check before asking the cloud. */
export function checkFirstStartForm(form: FirstStartForm): FirstStartCheck {
  const code = normalizeFirstStartInput(form.code);
  if (!/^[A-Z0-9]{12}$/.test(code)) return { ok: false, problem: '请输入部署时显示的 12 位初始化码' };
  const name = form.name.trim();
  if (!name) return { ok: false, problem: '请填写您的姓名' };
  const countyName = form.countyName.trim();
  if (countyName.length < 2) return { ok: false, problem: '请填写本县（市、区）的名称，如 清溪县' };
  if (!isCountyCode(form.countyCode)) return { ok: false, problem: '本县区划代码是 6 位数字，如 331099' };
  return { ok: true, input: { firstStartCode: code, name, countyName, countyCode: form.countyCode.trim() } };
}

export function doneText(result: { countyName: string; name: string }): string {
  return `${result.name}，您已成为${result.countyName}民政局的管理员。下一步：导入本县的乡镇和村（社区）。`;
}
