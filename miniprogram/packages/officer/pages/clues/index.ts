/**
 * 线索: what villagers and volunteers reported (issue 13), open ones first. An officer opens a
 * discovery case from a clue (the intake form, linked) or closes it with a reason; the supervisor
 * reads. An anonymous clue names nobody.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { closeClue, fetchClues } from '../../../../services/clues';
import { fetchMe } from '../../../../services/societies';
import { photoLinks } from '../../../../services/files';
import { isOfficerOf } from '../cases/view';
import {
  CLOSE_REASON_MAX,
  FORBIDDEN_CLUES_MESSAGE,
  MISSING_SOCIETY_MESSAGE,
  NO_CLUES_MESSAGE,
  closeProblem,
  toCluesScreen,
  type CluesScreen,
} from './view';

type IdEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { id: string; url: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as CluesScreen | null,
    photos: {} as Record<string, string>,
    canAct: false,
    /** The clue whose close form is open; '' when none. */
    closingId: '',
    reason: '',
    closeError: '',
    busy: false,
    forbiddenMessage: FORBIDDEN_CLUES_MESSAGE,
    emptyMessage: NO_CLUES_MESSAGE,
    reasonMax: CLOSE_REASON_MAX,
  },

  methods: {
    onShow() {
      if (this.data.state === 'ready') void this._load();
    },

    onOpenCase(event: IdEvent) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    onStartClose(event: IdEvent) {
      this.setData({ closingId: event.currentTarget.dataset.id, reason: '', closeError: '' });
    },

    onCancelClose() {
      this.setData({ closingId: '', reason: '', closeError: '' });
    },

    onReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: event.detail.value, closeError: '' });
    },

    async onConfirmClose() {
      if (this.data.busy) return;
      const problem = closeProblem(this.data.reason);
      if (problem) {
        this.setData({ closeError: problem });
        return;
      }
      this.setData({ busy: true });
      try {
        await closeClue(this.data.closingId, this.data.reason.trim());
        this.setData({ busy: false, closingId: '', reason: '' });
        showToast(this, { message: '线索已关闭', theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ busy: false, closeError: errorMessage(err) });
      }
    },

    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        try {
          const [view, me] = await Promise.all([fetchClues(societyId), fetchMe()]);
          const screen = toCluesScreen(view);
          // Storage is private (issue 12): the photos' short-lived addresses, checked by the server.
          const src = await photoLinks(screen.rows.map((row) => row.photoFileId).filter(Boolean));
          const photos: Record<string, string> = {};
          for (const row of screen.rows) if (row.photoFileId) photos[row.id] = src(row.photoFileId);
          return { screen, photos, canAct: isOfficerOf(me, societyId) };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },
  },
});
