/**
 * The federation's sub-accounts (R-ORG-1): filed societies' balances and the federation total (=
 * their sum); the county fund settings: the federation edits its bank account, the county bureau
 * the public-fundraising qualification (R-FUND-2).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { isForbidden, orForbidden } from '../../../../utils/fund-format';
import { errorMessage } from '../../../../services/cloud';
import { fetchFundSettings, setFederationAccount, setPublicFundraising } from '../../../../services/funds';
import { fetchFederationOverview, fetchMe } from '../../../../services/societies';
import type { Role } from '../../../../domain/society';
import {
  NOT_FEDERATION_MESSAGE,
  NO_SUB_ACCOUNTS_MESSAGE,
  accountProblems,
  fundraisingProblems,
  toFederationScreen,
  type FederationScreen,
} from './view';

type FieldEvent = { currentTarget: { dataset: { field: string } }; detail: { value: string } };

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
    editing: '' as '' | 'account' | 'fundraising',
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

    async _save(work: () => Promise<unknown>) {
      if (this.data.saving) return;
      this.setData({ saving: true, formError: '' });
      try {
        await work();
        this.setData({ saving: false, editing: '' });
        showToast(this, { message: '已保存', theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ saving: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
