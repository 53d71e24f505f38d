/**
 * General meetings (R-OVS-4): members see the next meeting (date, place, at least 10 days'
 * notice) and the meetings held with their packs; the president schedules the next one here.
 * One request id per scheduling form, kept across retries.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { orForbidden } from '../../utils/fund-format';
import { errorMessage } from '../../services/cloud';
import { fetchMeetings, newRequestId, scheduleMeeting } from '../../services/funds';
import { fetchMe } from '../../services/societies';
import { askToSubscribe, fetchMessageTemplates, recordSubscriptions } from '../../services/messages';
import {
  MISSING_SOCIETY_MESSAGE,
  NOT_A_MEMBER_MESSAGE,
  NO_MEETING_MESSAGE,
  NO_NEXT_MEETING_MESSAGE,
  SCHEDULE_HINT,
  MEETING_ALERTS_NOTE,
  MEETING_ALERTS_SUBSCRIBED,
  rolesIn,
  scheduleProblems,
  startsAtOf,
  toMeetingsScreen,
  type MeetingsScreen,
} from './view';

type ChangeEvent = { detail: { value: string } };

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notAMemberMessage: NOT_A_MEMBER_MESSAGE,
    noMeetingMessage: NO_MEETING_MESSAGE,
    noNextMeetingMessage: NO_NEXT_MEETING_MESSAGE,
    scheduleHint: SCHEDULE_HINT,
    screen: null as MeetingsScreen | null,
    formOpen: false,
    time: '',
    place: '',
    agenda: '',
    formError: '',
    submitting: false,
    /** Made at the first send and kept across retries. */
    requestId: '',
    pickerVisible: false,
    /** 会议通知 for members: one authorisation per accepted tap; none configured, no button. */
    messageTemplateIds: [] as string[],
    meetingAlertsNote: MEETING_ALERTS_NOTE,
  },

  methods: {
    onOpenMeeting(event: { currentTarget: { dataset: { url: string } } }) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    /** R-OVS-4: one tap, one authorisation (WeChat's dialog) for the next meeting's notice; declining changes nothing. */
    async onSubscribeMeetings() {
      const accepted = await askToSubscribe(this.data.messageTemplateIds);
      if (accepted.length === 0) return;
      await recordSubscriptions(accepted);
      showToast(this, { message: MEETING_ALERTS_SUBSCRIBED, theme: 'success' });
    },

    onOpenForm() {
      this.setData({ formOpen: true, formError: '' });
    },

    onCloseForm() {
      this.setData({ formOpen: false, formError: '' });
    },

    onPickTime() {
      this.setData({ pickerVisible: true });
    },

    onPickerCancel() {
      this.setData({ pickerVisible: false });
    },

    onTimeChange(event: ChangeEvent) {
      this.setData({ time: event.detail.value, pickerVisible: false, formError: '' });
    },

    onPlaceChange(event: ChangeEvent) {
      this.setData({ place: event.detail.value, formError: '' });
    },

    onAgendaChange(event: ChangeEvent) {
      this.setData({ agenda: event.detail.value, formError: '' });
    },

    onSchedule() {
      return this._schedule();
    },

    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, (societyId) =>
        orForbidden(async () => {
          const [me, list, messageTemplateIds] = await Promise.all([
            fetchMe(),
            fetchMeetings(societyId),
            fetchMessageTemplates('meetings'),
          ]);
          return { screen: toMeetingsScreen(list, rolesIn(me, societyId)), messageTemplateIds };
        }),
      );
    },

    async _schedule() {
      if (this.data.submitting) return;
      const form = { time: this.data.time, place: this.data.place, agenda: this.data.agenda };
      const problems = scheduleProblems(form);
      const startsAt = startsAtOf(form.time);
      if (problems.length > 0 || !startsAt) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      const requestId = this.data.requestId || newRequestId('mtg');
      this.setData({ requestId, submitting: true, formError: '' });
      try {
        await scheduleMeeting({
          requestId,
          societyId: this.data.societyId,
          startsAt,
          place: form.place.trim(),
          ...(form.agenda.trim() ? { agenda: form.agenda.trim() } : {}),
        });
        this.setData({ submitting: false, formOpen: false, requestId: '', time: '', place: '', agenda: '' });
        showToast(this, { message: '会员大会已通知会员', theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
