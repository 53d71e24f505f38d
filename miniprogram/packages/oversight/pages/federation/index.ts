/**
 * The federation's sub-accounts (R-ORG-1): filed societies' balances and the federation total (=
 * their sum); the federation opens a filed society's sub-account or adjusts its code, after a
 * confirmation; the county fund settings: the federation edits its bank account, the county bureau
 * the public-fundraising qualification (R-FUND-2).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { isForbidden, orForbidden } from '../../../../utils/fund-format';
import { errorMessage } from '../../../../services/cloud';
import { fetchFundSettings, setFederationAccount, setPublicFundraising } from '../../../../services/funds';
import { fetchFederationOverview, fetchMe, setSubAccount } from '../../../../services/societies';
import type { Role } from '../../../../domain/society';
import {
  NOT_FEDERATION_MESSAGE,
  NO_SUB_ACCOUNTS_MESSAGE,
  accountProblems,
  fundraisingProblems,
  subAccountCodeProblems,
  subAccountConfirmation,
  toFederationScreen,
  type FederationScreen,
} from './view';

type FieldEvent = { currentTarget: { dataset: { field: string } }; detail: { value: string } };
type RowEvent = { currentTarget: { dataset: { societyId: string } } };

function confirm(options: { title: string; content: string; confirmText: string }): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      ...options,
      cancelText: '取消',
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

Component({
  behaviors: [screenBehavior],

  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notFederationMessage: NOT_FEDERATION_MESSAGE,
    noSubAccountsMessage: NO_SUB_ACCOUNTS_MESSAGE,
    screen: null as FederationScreen | null,
    roles: [] as Role[],
    editing: '' as '' | 'account' | 'fundraising' | 'subAccount',
    /** The sub-account being opened or adjusted. */
    subAccount: { societyId: '', societyName: '', current: '', code: '' },
    account: { accountName: '', bankName: '', accountNumber: '' },
    fundraising: { qualificationHolder: '', platformName: '', projectName: '', url: '' },
    formError: '',
    saving: false,
  },

  methods: {
    onEditAccount() {
      this.setData({ editing: 'account', formError: '' });
    },

    onEditFundraising() {
      this.setData({ editing: 'fundraising', formError: '' });
    },

    onEditSubAccount(event: RowEvent) {
      const row = this.data.screen?.rows.find((item) => item.societyId === event.currentTarget.dataset.societyId);
      if (!row) return;
      this.setData({
        editing: 'subAccount',
        formError: '',
        subAccount: { societyId: row.societyId, societyName: row.societyName, current: row.code, code: row.code },
      });
    },

    onSubAccountCode(event: { detail: { value: string } }) {
      this.setData({ 'subAccount.code': event.detail.value, formError: '' });
    },

    async onSaveSubAccount() {
      const form = this.data.subAccount;
      const problems = subAccountCodeProblems(form.code, form.current);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      if (!(await confirm(subAccountConfirmation(form.societyName, form.current, form.code)))) return;
      await this._save(
        () => setSubAccount(form.societyId, form.code.trim()),
        form.current ? '分账户代码已调整' : '分账户已开设',
      );
    },

    onCloseForm() {
      this.setData({ editing: '', formError: '' });
    },

    onAccountField(event: FieldEvent) {
      this.setData({ [`account.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    onFundraisingField(event: FieldEvent) {
      this.setData({ [`fundraising.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    onSaveAccount() {
      const form = this.data.account;
      const problems = accountProblems(form);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return Promise.resolve();
      }
      return this._save(() =>
        setFederationAccount({
          accountName: form.accountName.trim(),
          bankName: form.bankName.trim(),
          accountNumber: form.accountNumber.trim(),
        }),
      );
    },

    onSaveFundraising() {
      const form = this.data.fundraising;
      const problems = fundraisingProblems(form);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return Promise.resolve();
      }
      return this._save(() =>
        setPublicFundraising({
          qualificationHolder: form.qualificationHolder.trim(),
          platformName: form.platformName.trim(),
          projectName: form.projectName.trim(),
          url: form.url.trim(),
        }),
      );
    },

    onClearFundraising() {
      return this._save(() => setPublicFundraising(null));
    },

    _load() {
      return loadScreen(this, () =>
        orForbidden(async () => {
          const me = await fetchMe();
          const roles = [...new Set(me.roles.filter((grant) => grant.societyId === null).map((grant) => grant.role))];
          const [overview, settings] = await Promise.all([
            // A township reads the settings but not the sub-accounts.
            fetchFederationOverview().catch((err: unknown) => {
              if (isForbidden(err)) return null;
              throw err;
            }),
            fetchFundSettings(),
          ]);
          const account = settings.federationAccount ?? { accountName: '', bankName: '', accountNumber: '' };
          const fundraising = settings.publicFundraising ?? {
            qualificationHolder: '',
            platformName: '',
            projectName: '',
            url: '',
          };
          return { roles, account, fundraising, screen: toFederationScreen(overview, settings, roles) };
        }),
      );
    },

    async _save(work: () => Promise<unknown>, done = '已保存') {
      if (this.data.saving) return;
      this.setData({ saving: true, formError: '' });
      try {
        await work();
        this.setData({ saving: false, editing: '' });
        showToast(this, { message: done, theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ saving: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
