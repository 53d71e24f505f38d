/** The officer's workbench (secretary, president): their society, its status and fund. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { fetchMe, fetchSocietyPublicPage } from '../../../../services/societies';
import { askToSubscribe, fetchMessageTemplates, recordSubscriptions } from '../../../../services/messages';
import { showToast } from '../../../../utils/toast';
import {
  CASES_COMING_NOTE,
  NOT_AN_OFFICER_MESSAGE,
  REMINDERS_NOTE,
  SUBSCRIBED_MESSAGE,
  pickOfficerSeat,
  toWorkbenchScreen,
} from './view';
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
    remindersNote: REMINDERS_NOTE,
    /** Subscribe-message templates for new applications and deadlines; none configured: no button. */
    messageTemplateIds: [] as string[],
  },

  methods: {
    /** One tap, one authorisation per template (WeChat's dialog); declining changes nothing here. */
    async onSubscribeReminders() {
      const accepted = await askToSubscribe(this.data.messageTemplateIds);
      if (accepted.length === 0) return;
      await recordSubscriptions(accepted);
      showToast(this, { message: SUBSCRIBED_MESSAGE, theme: 'success' });
    },

    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        const seat = pickOfficerSeat(me, this.data.societyId || undefined);
        if (!seat) return 'forbidden';
        const [society, due, messageTemplateIds] = await Promise.all([
          fetchSocietyPublicPage(seat.societyId),
          // R-OVS-1: roster visits due or overdue; the workbench still opens if this fails.
          fetchDueVisits(seat.societyId).catch(() => null),
          fetchMessageTemplates('workbench'),
        ]);
        return {
          screen: toWorkbenchScreen(me, seat, society),
          visitsDueText: due ? dueVisitsSummary(due.items) : '',
          rosterUrl: `/packages/officer/pages/roster/index?societyId=${seat.societyId}`,
          messageTemplateIds,
        };
      });
    },
  },
});
