/**
 * 个人信息 (PIPL art. 50): a villager asks the society to let them see and copy, correct, or
 * delete what it holds about them, and follows the answer. Reached from home; the society is the
 * one home opens it for.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { errorMessage } from '../../services/cloud';
import { fetchMyDataRequests, fileDataRequest, newRequestId } from '../../services/data-requests';
import type { DataRequestKind } from '../../domain/data-requests';
import {
  EMPTY_TEXT,
  FILED_TOAST,
  INTRO_TEXT,
  KIND_OPTIONS,
  NO_SOCIETY_TEXT,
  detailsProblem,
  toMyDataRequestRow,
  type MyDataRequestRow,
} from './view';

type PickEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: string }>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    introText: INTRO_TEXT,
    noSocietyText: NO_SOCIETY_TEXT,
    emptyText: EMPTY_TEXT,
    kindOptions: KIND_OPTIONS,
    kind: 'access' as DataRequestKind,
    details: '',
    requestId: newRequestId('dr'),
    formError: '',
    busy: false,
    rows: [] as MyDataRequestRow[],
  },

  methods: {
    onPickKind(event: PickEvent) {
      this.setData({ kind: event.currentTarget.dataset.value as DataRequestKind, formError: '' });
    },

    onDetails(event: InputEvent) {
      this.setData({ details: event.detail.value, formError: '' });
    },

    async onSubmit() {
      if (this.data.busy) return;
      const problem = detailsProblem(this.data.details);
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        await fileDataRequest({
          requestId: this.data.requestId,
          societyId: this.data.societyId,
          kind: this.data.kind,
          details: this.data.details.trim(),
        });
        this.setData({ busy: false, details: '', requestId: newRequestId('dr') });
        showToast(this, { message: FILED_TOAST, theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ busy: false, formError: errorMessage(err) });
      }
    },

    _load() {
      return loadScreen(this, async () => ({
        rows: (await fetchMyDataRequests()).items.map(toMyDataRequestRow),
      }));
    },
  },
});
