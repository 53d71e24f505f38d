/**
 * One general meeting (R-OVS-4). Members read the pack and the minutes; the president or the
 * secretary publishes the pack (frozen from then on) and attaches minutes and resolutions
 * (photos) after the meeting; the president cancels a meeting not yet held, with a reason.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { orForbidden } from '../../utils/fund-format';
import { errorMessage } from '../../services/cloud';
import { attachMeetingFile, cancelMeeting, fetchMeeting, publishMeetingPack } from '../../services/funds';
import { fetchMe } from '../../services/societies';
import { photoLinksFor, pickAndUploadPhotos } from '../../services/files';
import type { MeetingFileKind, MeetingView } from '../../domain/funds';
import type { Role } from '../../domain/society';
import { rolesIn } from '../meetings/view';
import {
  FILE_KIND_OPTIONS,
  MISSING_FILE_TITLE_MESSAGE,
  MISSING_MEETING_MESSAGE,
  MISSING_REASON_MESSAGE,
  NOT_A_MEMBER_MESSAGE,
  NO_PACK_MESSAGE,
  PUBLISH_HINT,
  toMeetingScreen,
  type MeetingScreen,
} from './view';

type ChangeEvent = { detail: { value: string } };

Component({
  behaviors: [screenBehavior],

  properties: {
    meetingId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notAMemberMessage: NOT_A_MEMBER_MESSAGE,
    noPackMessage: NO_PACK_MESSAGE,
    publishHint: PUBLISH_HINT,
    fileKindOptions: FILE_KIND_OPTIONS,
    screen: null as MeetingScreen | null,
    roles: [] as Role[],
    busy: false,
    fileKind: 'minutes' as MeetingFileKind,
    fileTitle: '',
    cancelReason: '',
    actionError: '',
  },

  methods: {
    onPreview(event: { currentTarget: { dataset: { src: string } } }) {
      const urls = (this.data.screen?.files ?? []).map((file) => file.src);
      void wx.previewImage({ current: event.currentTarget.dataset.src, urls });
    },

    onFileKindChange(event: ChangeEvent) {
      this.setData({ fileKind: event.detail.value as MeetingFileKind, actionError: '' });
    },

    onFileTitleChange(event: ChangeEvent) {
      this.setData({ fileTitle: event.detail.value, actionError: '' });
    },

    onReasonChange(event: ChangeEvent) {
      this.setData({ cancelReason: event.detail.value, actionError: '' });
    },

    onPublish() {
      return this._act(() => publishMeetingPack(this.data.meetingId), '会议材料已发布');
    },

    onAttach() {
      const title = this.data.fileTitle.trim();
      if (!title) {
        this.setData({ actionError: MISSING_FILE_TITLE_MESSAGE });
        return Promise.resolve();
      }
      return this._act(async () => {
        const societyId = this.data.screen?.societyId ?? '';
        const fileIds = await pickAndUploadPhotos({ kind: 'meetings', societyId }, 3);
        if (fileIds.length === 0) return null;
        let view: MeetingView | null = null;
        for (const [index, fileId] of fileIds.entries()) {
          view = await attachMeetingFile({
            meetingId: this.data.meetingId,
            fileId,
            kind: this.data.fileKind,
            title: fileIds.length > 1 ? `${title}（${index + 1}）` : title,
          });
        }
        this.setData({ fileTitle: '' });
        return view;
      }, '已上传');
    },

    onCancelMeeting() {
      const reason = this.data.cancelReason.trim();
      if (!reason) {
        this.setData({ actionError: MISSING_REASON_MESSAGE });
        return Promise.resolve();
      }
      return this._act(() => cancelMeeting(this.data.meetingId, reason), '会员大会已取消');
    },

    _load() {
      const meetingId = this.data.meetingId;
      if (!meetingId) {
        this.setData({ state: 'error', errorMessage: MISSING_MEETING_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, () =>
        orForbidden(async () => {
          const [me, view] = await Promise.all([fetchMe(), fetchMeeting(meetingId)]);
          const roles = rolesIn(me, view.societyId);
          return { roles, screen: toMeetingScreen(view, roles, await photoLinksFor(view.files)) };
        }),
      );
    },

    /** Runs one officer action; its answer (the meeting as it now is) replaces the screen. */
    async _act(work: () => Promise<MeetingView | null>, doneMessage: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        const view = await work();
        this.setData({ busy: false });
        if (!view) return;
        this.setData({
          screen: toMeetingScreen(view, this.data.roles, await photoLinksFor(view.files)),
          cancelReason: '',
        });
        showToast(this, { message: doneMessage, theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, actionError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
