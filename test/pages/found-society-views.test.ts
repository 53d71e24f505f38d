/** The pure shaping of founding a society on the county dashboard (R-ORG-1). */
import {
  FOUND_FORMS,
  FORM_PROBLEM,
  NAME_PROBLEM,
  canFoundSocieties,
  defaultSocietyName,
  foundProblem,
  foundedMessage,
  withVillagesPage,
  toFoundInput,
} from '../../miniprogram/packages/oversight/pages/county-dashboard/view';
import type { DashboardVillage, TownshipVillagesPage } from '../../miniprogram/domain/registry';
import type { MeView, Role } from '../../miniprogram/domain/society';

function me(...roles: Role[]): MeView {
  return {
    openid: 'x',
    userId: 'u',
    name: '某',
    roles: roles.map((role) => ({ role, roleLabel: role, societyId: null, scopeName: '清溪县' })),
    activities: [],
  };
}

const NONE: DashboardVillage = {
  villageId: 'area-dongling',
  villageName: '东岭村',
  townshipId: 'area-hekou',
  townshipName: '河口乡',
  state: 'none',
  stateLabel: '尚未成立互助社',
  society: null,
};

function preparing(presidentOk: boolean): DashboardVillage {
  return {
    ...NONE,
    state: 'preparing',
    stateLabel: '筹备中（登记）',
    society: {
      id: 'soc-dongling',
      name: '东岭村救急难互助社',
      form: 'registered',
      formLabel: '登记',
      registrationNumber: null,
      balanceFen: 0,
      raisedByChannel: { countySubsidy: 0, collectiveFund: 0, donation: 0 },
      checklist: {
        ready: false,
        items: [{ key: 'president', label: '社长', ok: presidentOk, detail: presidentOk ? '已有 1 人' : '尚无社长' }],
        raisedFen: 0,
        targetFen: 30_000_00,
        shortfallFen: 30_000_00,
      },
    },
  };
}

/** The rows of a township's page of `villages`, as the county dashboard shows them. */
function rowsOf(villages: DashboardVillage[], founder = false) {
  const page: TownshipVillagesPage = {
    townshipId: 'area-hekou',
    townshipName: '河口乡',
    villages,
    nextOffset: null,
  };
  return withVillagesPage(null, undefined, page, 0, founder).villages;
}

describe('founding a society (R-ORG-1)', () => {
  it('the county and a township may found; the federation, officers and residents may not', () => {
    expect(canFoundSocieties(me('county'))).toBe(true);
    expect(canFoundSocieties(me('township'))).toBe(true);
    expect(canFoundSocieties(me('federation'))).toBe(false);
    expect(canFoundSocieties(me('president', 'secretary'))).toBe(false);
    expect(canFoundSocieties(me())).toBe(false);
  });

  it('a village without a society offers 筹建互助社 to a founder only; a preparing one offers the next steps', () => {
    const [forFounder] = rowsOf([NONE], true);
    expect(forFounder).toMatchObject({ canFound: true, showNextSteps: false });
    const [forOthers] = rowsOf([NONE]);
    expect(forOthers).toMatchObject({ canFound: false, showNextSteps: false });

    const [next] = rowsOf([preparing(false)], true);
    expect(next).toMatchObject({
      canFound: false,
      showNextSteps: true,
      inviteLabel: '邀请社长',
      inviteUrl: '/packages/officer/pages/invite/index?societyId=soc-dongling',
      settingsUrl: '/packages/officer/pages/society-settings/index?societyId=soc-dongling',
    });
    const [withPresident] = rowsOf([preparing(true)], true);
    expect(withPresident!.inviteLabel).toBe('邀请成员');
    const [notFounder] = rowsOf([preparing(false)], false);
    expect(notFounder!.showNextSteps).toBe(false);
    const active = { ...preparing(true), state: 'active' as const };
    expect(rowsOf([active], true)[0]!.showNextSteps).toBe(false);
  });

  it('登记 and 备案 are each explained in one plain line', () => {
    expect(FOUND_FORMS.map((option) => [option.value, option.label])).toEqual([
      ['registered', '登记'],
      ['filed', '备案'],
    ]);
    expect(FOUND_FORMS[0]!.hint).toContain('自己的银行账户');
    expect(FOUND_FORMS[1]!.hint).toContain('联合会');
    expect(FOUND_FORMS[1]!.hint).toContain('分账户');
    // The options are told apart by their text (the browser stories pick by it).
    expect(FOUND_FORMS[1]!.hint).not.toContain('登记');
  });

  it('the name defaults to «村名»救急难互助社 and is sent only when changed; 2 to 40 characters', () => {
    expect(defaultSocietyName('东岭村')).toBe('东岭村救急难互助社');
    expect(toFoundInput('东岭村', 'registered', '东岭村救急难互助社')).toEqual({ form: 'registered' });
    expect(toFoundInput('东岭村', 'filed', '  ')).toEqual({ form: 'filed' });
    expect(toFoundInput('东岭村', 'filed', ' 东岭互助社 ')).toEqual({ form: 'filed', name: '东岭互助社' });
    expect(foundProblem('registered', '')).toBe('');
    expect(foundProblem('registered', '东岭')).toBe('');
    expect(foundProblem('registered', '社')).toBe(NAME_PROBLEM);
    expect(foundProblem('filed', '社'.repeat(41))).toBe(NAME_PROBLEM);
    expect(foundProblem('', '东岭村救急难互助社')).toBe(FORM_PROBLEM);
    expect(NAME_PROBLEM).toBe('互助社名称须为 2 到 40 个字');
    expect(foundedMessage('东岭村救急难互助社')).toBe('东岭村救急难互助社已进入筹备');
  });
});
