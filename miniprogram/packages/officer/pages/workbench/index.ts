/** The officer's workbench (secretary, president): their society, its status and fund. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { fetchMe, fetchSocietyPublicPage } from '../../../../services/societies';
import { CASES_COMING_NOTE, NOT_AN_OFFICER_MESSAGE, pickOfficerSeat, toWorkbenchScreen } from './view';
import type { WorkbenchScreen } from './view';
import { fetchDueVisits } from '../../../../services/roster';
import { dueVisitsSummary } from '../../../../domain/roster';

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
    visitsDueText: '',
    rosterUrl: '',
  },

  methods: {
    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        const seat = pickOfficerSeat(me, this.data.societyId || undefined);
        if (!seat) return 'forbidden';
        const [society, due] = await Promise.all([
          fetchSocietyPublicPage(seat.societyId),
          // R-OVS-1: roster visits due or overdue; the workbench still opens if this fails.
          fetchDueVisits(seat.societyId).catch(() => null),
        ]);
        return {
          screen: toWorkbenchScreen(me, seat, society),
          visitsDueText: due ? dueVisitsSummary(due.items) : '',
          rosterUrl: `/packages/officer/pages/roster/index?societyId=${seat.societyId}`,
        };
      });
    },
  },
});
