/**
 * 乡镇监督 (R-OVS-2): the township's (or county's) societies with their live notices, open and
 * overdue objections, overdue cases and open flags; a flag is handled here with a note
 * (resolveFlag); tapping a society opens its supervision page (read-only for the township).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchTownshipOverview, resolveFlag } from '../../../../services/notices';
import {
  NO_FLAGS_MESSAGE,
  NO_OVERDUE_MESSAGE,
  NO_SOCIETIES_MESSAGE,
  NOT_TOWNSHIP_MESSAGE,
  NOTE_MAX,
  WAITING_FOR_DECISION_TAG,
  RESOLVED_MESSAGE,
  noteProblems,
  toTownshipScreen,
  type TownshipScreen,
} from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    /** The county may narrow the view to one township. */
    townshipId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as TownshipScreen | null,
    /** The flag whose resolution form is open. */
    resolvingId: '',
    note: '',
    formError: '',
    submitting: false,
    noteMax: NOTE_MAX,
    forbiddenMessage: NOT_TOWNSHIP_MESSAGE,
    noSocietiesMessage: NO_SOCIETIES_MESSAGE,
    noOverdueMessage: NO_OVERDUE_MESSAGE,
    noFlagsMessage: NO_FLAGS_MESSAGE,
    waitingTag: WAITING_FOR_DECISION_TAG,
  },

  methods: {
    onOpenSociety(event: { currentTarget: { dataset: { url: string } } }) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    onStartResolve(event: { currentTarget: { dataset: { flagId: string } } }) {
      this.setData({ resolvingId: event.currentTarget.dataset.flagId, note: '', formError: '' });
    },

    onCancelResolve() {
      this.setData({ resolvingId: '', note: '', formError: '' });
    },

    onNoteChange(event: { detail: { value: string } }) {
      this.setData({ note: event.detail.value, formError: '' });
    },

    onSubmitResolve() {
      return this._resolve();
    },

    _load() {
      return loadScreen(this, async () => {
        try {
          return { screen: toTownshipScreen(await fetchTownshipOverview(this.data.townshipId || undefined)) };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    async _resolve() {
      const flagId = this.data.resolvingId;
      if (this.data.submitting || !flagId) return;
      const problems = noteProblems(this.data.note);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      try {
        // Resolving twice with the same note answers the first resolution: a retry is safe.
        await resolveFlag(flagId, this.data.note.trim());
        this.setData({ submitting: false, resolvingId: '', note: '' });
        showToast(this, { message: RESOLVED_MESSAGE, theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
