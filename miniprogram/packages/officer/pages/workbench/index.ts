/** The officer's workbench (secretary, president): their society, its status and fund. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { fetchMe, fetchSocietyPublicPage } from '../../../../services/societies';
import { CASES_COMING_NOTE, NOT_AN_OFFICER_MESSAGE, pickOfficerSeat, toWorkbenchScreen } from './view';
import type { WorkbenchScreen } from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as WorkbenchScreen | null,
    notAnOfficerMessage: NOT_AN_OFFICER_MESSAGE,
    casesComingNote: CASES_COMING_NOTE,
  },

  methods: {
    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        const seat = pickOfficerSeat(me, this.data.societyId || undefined);
        if (!seat) return 'forbidden';
        const society = await fetchSocietyPublicPage(seat.societyId);
        return { screen: toWorkbenchScreen(me, seat, society) };
      });
    },
  },
});
