/**
 * The officer's notices (secretary, president): what waits to be published, posted on paper or
 * answered, the published notices by tab, and the objection answer time limit (R-PROC-6, R-OVS-3).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { fetchMe } from '../../../../services/societies';
import { pickAndUploadPhotos, photoLinksFor } from '../../../../services/files';
import {
  attachBoardPhoto,
  fetchNoticeSettings,
  fetchOfficerNotices,
  fetchOfficerTodo,
  saveNoticeSettings,
} from '../../../../services/notices';
import type { ObjectionView } from '../../../../domain/notices';
import type { Role } from '../../../../domain/society';
import { pickOfficerSeat } from '../workbench/view';
import {
  ALL_DONE_TEXT,
  EMPTY_TAB_TEXT,
  NOTICE_TABS,
  NOT_A_NOTICE_OFFICER_MESSAGE,
  PHOTO_ATTACHED_MESSAGE,
  PHOTO_RULE_NOTE,
  SETTINGS_SAVED_MESSAGE,
  isForbidden,
  posterUrl,
  settingsProblem,
  toNoticeCard,
  toSettingsScreen,
  toTodoScreen,
  type NoticeCard,
  type NoticeTab,
  type SettingsScreen,
  type TodoScreen,
} from './view';

const PAGE_SIZE = 20;

type DatasetEvent = { currentTarget: { dataset: { id?: string; url?: string } } };

interface ListPart {
  list: NoticeCard[];
  listTotal: number;
}

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: NOT_A_NOTICE_OFFICER_MESSAGE,
    allDoneText: ALL_DONE_TEXT,
    photoNote: PHOTO_RULE_NOTE,
    /** The society the page works on (the one asked for, or the officer's own). */
    scopeId: '',
    roles: [] as Role[],
    todo: null as TodoScreen | null,
    /** Kept to link a notice card to its first open objection. */
    openObjections: [] as ObjectionView[],
    tabs: NOTICE_TABS,
    tab: 'live' as NoticeTab,
    list: [] as NoticeCard[],
    listTotal: 0,
    emptyTabText: EMPTY_TAB_TEXT.live,
    loadingMore: false,
    settings: null as SettingsScreen | null,
    draftDays: 0,
    settingsError: '',
    savingSettings: false,
    /** The notice whose board photo is being uploaded. */
    attachingId: '',
    posterUrl: '',
  },

  methods: {
    onShow() {
      // Back from publishing or answering: refresh what is on screen.
      if (this.data.state === 'ready') void this._load();
    },

    onOpen(event: DatasetEvent) {
      const url = event.currentTarget.dataset.url;
      if (url) void wx.navigateTo({ url });
    },

    onTabTap(event: { currentTarget: { dataset: { value?: NoticeTab } } }) {
      const tab = event.currentTarget.dataset.value;
      if (!tab || tab === this.data.tab) return Promise.resolve();
      this.setData({ tab, list: [], listTotal: 0, emptyTabText: EMPTY_TAB_TEXT[tab] });
      return this._refreshList();
    },

    onMore() {
      return this._more();
    },

    onAttachPhoto(event: DatasetEvent) {
      const id = event.currentTarget.dataset.id;
      return id ? this._attachPhoto(id) : Promise.resolve();
    },

    onDaysChange(event: { detail: { value: number | string } }) {
      this.setData({ draftDays: Number(event.detail.value), settingsError: '' });
    },

    onSaveSettings() {
      return this._saveSettings();
    },

    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        const asked = this.data.societyId;
        const seat = pickOfficerSeat(me, asked || undefined);
        if (!seat || (asked && seat.societyId !== asked)) return 'forbidden';
        const scopeId = seat.societyId;
        try {
          const [todo, page, settings] = await Promise.all([
            fetchOfficerTodo(scopeId),
            fetchOfficerNotices(scopeId, this.data.tab, { limit: PAGE_SIZE }),
            fetchNoticeSettings(scopeId),
          ]);
          const now = new Date();
          const photoSrc = await photoLinksFor([todo, page.items]);
          return {
            scopeId,
            roles: seat.roles,
            todo: toTodoScreen(todo, now, photoSrc),
            openObjections: todo.openObjections,
            list: page.items.map((notice) => toNoticeCard(notice, now, todo.openObjections, scopeId, photoSrc)),
            listTotal: page.total,
            settings: toSettingsScreen(settings, seat.roles),
            draftDays: settings.objectionAnswerDays,
            settingsError: '',
            posterUrl: posterUrl(scopeId),
          };
        } catch (err) {
          if (isForbidden(err)) return 'forbidden';
          throw err;
        }
      });
    },

    async _listPart(offset: number): Promise<ListPart> {
      const page = await fetchOfficerNotices(this.data.scopeId, this.data.tab, { offset, limit: PAGE_SIZE });
      const now = new Date();
      const photoSrc = await photoLinksFor(page.items);
      const cards = page.items.map((notice) =>
        toNoticeCard(notice, now, this.data.openObjections, this.data.scopeId, photoSrc),
      );
      return { list: offset === 0 ? cards : [...this.data.list, ...cards], listTotal: page.total };
    },

    async _refreshList() {
      try {
        this.setData({ ...(await this._listPart(0)) });
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },

    async _more() {
      if (this.data.loadingMore || this.data.list.length >= this.data.listTotal) return;
      this.setData({ loadingMore: true });
      try {
        this.setData({ ...(await this._listPart(this.data.list.length)), loadingMore: false });
      } catch (err) {
        this.setData({ loadingMore: false });
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },

    /** R-PROC-6: the photo of the paper notice on the board; only then does it count as posted. */
    async _attachPhoto(noticeId: string) {
      if (this.data.attachingId) return;
      this.setData({ attachingId: noticeId });
      try {
        const [fileId] = await pickAndUploadPhotos({ kind: 'boards', societyId: this.data.scopeId }, 1);
        if (!fileId) {
          this.setData({ attachingId: '' });
          return;
        }
        await attachBoardPhoto(noticeId, fileId);
        this.setData({ attachingId: '' });
        showToast(this, { message: PHOTO_ATTACHED_MESSAGE, theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ attachingId: '' });
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },

    async _saveSettings() {
      const settings = this.data.settings;
      if (!settings?.canEdit || this.data.savingSettings) return;
      const days = this.data.draftDays;
      const problem = settingsProblem(days);
      if (problem) {
        this.setData({ settingsError: problem });
        return;
      }
      this.setData({ savingSettings: true, settingsError: '' });
      try {
        const saved = await saveNoticeSettings(this.data.scopeId, days);
        this.setData({
          savingSettings: false,
          settings: toSettingsScreen(saved, this.data.roles),
          draftDays: saved.objectionAnswerDays,
        });
        showToast(this, { message: SETTINGS_SAVED_MESSAGE, theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ savingSettings: false, settingsError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
