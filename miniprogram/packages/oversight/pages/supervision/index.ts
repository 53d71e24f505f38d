/**
 * 村监督委员会 (R-OVS-2): everything of one society, read-only — the counts, every case with
 * every step, every ledger entry, every notice, every objection with its answer, the flags raised.
 * The one action offered is 提请乡镇关注 on a case (on its 四公布 sheet), and only to the society's
 * own supervision committee. The township and county may open it too (no case details for them).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchMe } from '../../../../services/societies';
import {
  fetchFlags,
  fetchNoticeArchive,
  fetchObjections,
  fetchSupervisedCases,
  fetchSupervisionLedger,
  fetchSupervisionOverview,
} from '../../../../services/notices';
import {
  appendPage,
  canFlagFor,
  isSupervisionTab,
  toCaseCard,
  toFlagRow,
  toLedgerRow,
  toNoticeRow,
  toObjectionRow,
  toSupervisionHeader,
  CASES_HIDDEN_MESSAGE,
  MISSING_SOCIETY_MESSAGE,
  NO_CASES_MESSAGE,
  NO_ENTRIES_MESSAGE,
  NO_FLAGS_MESSAGE,
  NO_NOTICES_MESSAGE,
  NO_OBJECTIONS_MESSAGE,
  NOT_SUPERVISOR_MESSAGE,
  PAGE_SIZE,
  READ_ONLY_NOTE,
  SUPERVISION_TABS,
  type CaseCard,
  type FlagRow,
  type LedgerRow,
  type NoticeRow,
  type ObjectionRow,
  type PagedList,
  type SupervisionHeader,
  type SupervisionTab,
} from './view';

type ListKey = 'cases' | 'ledger' | 'notices' | 'objections';

function emptyList<T>(): PagedList<T> {
  return { items: [], total: 0, hasMore: false, summary: '' };
}

function isForbidden(err: unknown): boolean {
  return err instanceof CloudCallError && err.code === 'FORBIDDEN';
}

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
    /** Opens on this tab (cases, ledger, notices, objections, flags). */
    tab: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    header: null as SupervisionHeader | null,
    tabs: SUPERVISION_TABS,
    currentTab: 'cases' as SupervisionTab,
    canFlag: false,
    /** Set when the caller may not read case details (township, county). */
    casesHidden: '',
    cases: emptyList<CaseCard>(),
    ledger: emptyList<LedgerRow>(),
    notices: emptyList<NoticeRow>(),
    objections: emptyList<ObjectionRow>(),
    flags: [] as FlagRow[],
    loadingMore: '',
    readOnlyNote: READ_ONLY_NOTE,
    forbiddenMessage: NOT_SUPERVISOR_MESSAGE,
    messages: {
      cases: NO_CASES_MESSAGE,
      ledger: NO_ENTRIES_MESSAGE,
      notices: NO_NOTICES_MESSAGE,
      objections: NO_OBJECTIONS_MESSAGE,
      flags: NO_FLAGS_MESSAGE,
    },
  },

  methods: {
    onLoad() {
      if (isSupervisionTab(this.data.tab)) this.setData({ currentTab: this.data.tab });
      void this._load();
    },

    onTabChange(event: { detail: { value: string } }) {
      const value = event.detail.value;
      if (isSupervisionTab(value)) this.setData({ currentTab: value });
    },

    /** A case card or 提请乡镇关注: the case's 四公布 sheet. */
    onOpen(event: { currentTarget: { dataset: { url: string } } }) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    onMore(event: { currentTarget: { dataset: { list: ListKey } } }) {
      return this._more(event.currentTarget.dataset.list);
    },

    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        let overview;
        let me;
        try {
          [overview, me] = await Promise.all([fetchSupervisionOverview(societyId), fetchMe()]);
        } catch (err) {
          if (isForbidden(err)) return 'forbidden';
          throw err;
        }
        const paging = { offset: 0, limit: PAGE_SIZE };
        const [cases, ledger, notices, objections, flags] = await Promise.all([
          fetchSupervisedCases(societyId, paging).catch((err: unknown) => {
            if (isForbidden(err)) return null;
            throw err;
          }),
          fetchSupervisionLedger(societyId, paging),
          fetchNoticeArchive(societyId, 'all', paging),
          fetchObjections(societyId, { status: 'all', ...paging }),
          fetchFlags({ societyId, status: 'all' }),
        ]);
        // The township and county read no case details: open on the notices instead.
        const opensOnCases = this.data.currentTab === 'cases' && !isSupervisionTab(this.data.tab);
        return {
          ...(cases === null && opensOnCases ? { currentTab: 'notices' as SupervisionTab } : {}),
          header: toSupervisionHeader(overview),
          canFlag: canFlagFor(me, societyId),
          casesHidden: cases ? '' : CASES_HIDDEN_MESSAGE,
          cases: cases
            ? appendPage<CaseCard>([], { items: cases.items.map(toCaseCard), total: cases.total }, '件')
            : emptyList<CaseCard>(),
          ledger: appendPage<LedgerRow>([], { items: ledger.items.map(toLedgerRow), total: ledger.total }, '笔'),
          notices: appendPage<NoticeRow>([], { items: notices.items.map(toNoticeRow), total: notices.total }, '条'),
          objections: appendPage<ObjectionRow>(
            [],
            { items: objections.items.map(toObjectionRow), total: objections.total },
            '条',
          ),
          flags: flags.items.map(toFlagRow),
        };
      });
    },

    async _more(list: ListKey) {
      if (this.data.loadingMore) return;
      const societyId = this.data.societyId;
      this.setData({ loadingMore: list });
      try {
        if (list === 'cases') {
          const shown = this.data.cases.items;
          const page = await fetchSupervisedCases(societyId, { offset: shown.length, limit: PAGE_SIZE });
          this.setData({ cases: appendPage(shown, { items: page.items.map(toCaseCard), total: page.total }, '件') });
        } else if (list === 'ledger') {
          const shown = this.data.ledger.items;
          const page = await fetchSupervisionLedger(societyId, { offset: shown.length, limit: PAGE_SIZE });
          this.setData({ ledger: appendPage(shown, { items: page.items.map(toLedgerRow), total: page.total }, '笔') });
        } else if (list === 'notices') {
          const shown = this.data.notices.items;
          const page = await fetchNoticeArchive(societyId, 'all', { offset: shown.length, limit: PAGE_SIZE });
          this.setData({
            notices: appendPage(shown, { items: page.items.map(toNoticeRow), total: page.total }, '条'),
          });
        } else {
          const shown = this.data.objections.items;
          const page = await fetchObjections(societyId, { status: 'all', offset: shown.length, limit: PAGE_SIZE });
          this.setData({
            objections: appendPage(shown, { items: page.items.map(toObjectionRow), total: page.total }, '条'),
          });
        }
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      } finally {
        this.setData({ loadingMore: '' });
      }
    },
  },
});
