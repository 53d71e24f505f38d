/**
 * 操作记录 (R-OVS-5): the audit trail of one scope — a society (supervision committee, township,
 * county) or an area (township, county) — page by page, and 核验: the hash chain checked end to
 * end, with the first break reported. Without ?scopeId= it opens the caller's first scope.
 */
import { readingSizeBehavior } from '../../../../behaviors/reading-size';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchAuditScopes, fetchAuditTrail, verifyAudit } from '../../../../services/notices';
import {
  NO_EVENTS_MESSAGE,
  NO_SCOPE_MESSAGE,
  NOT_AN_AUDITOR_MESSAGE,
  PAGE_SIZE,
  VERIFY_HINT,
  pageSummary,
  pickScope,
  toAuditRow,
  toScopeChoices,
  toVerifyResult,
  type AuditRow,
  type ScopeChoice,
  type VerifyResult,
} from './view';
import type { AuditScopeItem } from '../../../../domain/oversight';

function isForbidden(err: unknown): boolean {
  return err instanceof CloudCallError && err.code === 'FORBIDDEN';
}

Component({
  behaviors: [readingSizeBehavior],
  properties: {
    scopeId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    scopes: [] as AuditScopeItem[],
    choices: [] as ScopeChoice[],
    currentScope: '',
    scopeName: '',
    events: [] as AuditRow[],
    total: 0,
    hasMore: false,
    summary: '',
    loadingMore: false,
    verifying: false,
    verify: null as VerifyResult | null,
    noScope: false,
    forbiddenMessage: NOT_AN_AUDITOR_MESSAGE,
    noScopeMessage: NO_SCOPE_MESSAGE,
    noEventsMessage: NO_EVENTS_MESSAGE,
    verifyHint: VERIFY_HINT,
  },

  methods: {
    onLoad() {
      void this._load(this.data.scopeId);
    },

    onPullDownRefresh() {
      void this._load(this.data.currentScope || this.data.scopeId).then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
      void this._load(this.data.currentScope || this.data.scopeId);
    },

    onGoHome() {
      void wx.reLaunch({ url: '/pages/home/index' });
    },

    onPickScope(event: { currentTarget: { dataset: { scopeId: string } } }) {
      const scopeId = event.currentTarget.dataset.scopeId;
      if (scopeId === this.data.currentScope) return Promise.resolve();
      return this._load(scopeId);
    },

    onMore() {
      return this._more();
    },

    onVerify() {
      return this._verify();
    },

    _load(asked: string) {
      return loadScreen(this, async () => {
        let scopes: AuditScopeItem[];
        let trail;
        try {
          scopes = (await fetchAuditScopes()).items;
          // A scope asked for goes to the cloud as it is: it decides whether the caller reads it.
          const scopeId = asked || pickScope(scopes, '');
          if (!scopeId) return { scopes, choices: [], noScope: true, events: [], summary: '' };
          trail = await fetchAuditTrail(scopeId, { offset: 0, limit: PAGE_SIZE });
        } catch (err) {
          if (isForbidden(err)) return 'forbidden';
          throw err;
        }
        const events = trail.items.map(toAuditRow);
        return {
          scopes,
          choices: toScopeChoices(scopes, trail.scopeId),
          currentScope: trail.scopeId,
          scopeName: trail.scopeName,
          events,
          total: trail.total,
          hasMore: events.length < trail.total && trail.items.length > 0,
          summary: pageSummary(events.length, trail.total),
          noScope: false,
          verify: null,
        };
      });
    },

    async _more() {
      if (this.data.loadingMore || !this.data.currentScope) return;
      this.setData({ loadingMore: true });
      try {
        const shown = this.data.events;
        const page = await fetchAuditTrail(this.data.currentScope, { offset: shown.length, limit: PAGE_SIZE });
        const events = [...shown, ...page.items.map(toAuditRow)];
        this.setData({
          events,
          total: page.total,
          hasMore: events.length < page.total && page.items.length > 0,
          summary: pageSummary(events.length, page.total),
        });
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    async _verify() {
      if (this.data.verifying || !this.data.currentScope) return;
      this.setData({ verifying: true, verify: null });
      try {
        const result = toVerifyResult(await verifyAudit(this.data.currentScope));
        this.setData({ verifying: false, verify: result });
        showToast(this, { message: result.headline, theme: result.ok ? 'success' : 'warning' });
      } catch (err) {
        this.setData({ verifying: false });
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },
  },
});
