/**
 * 重点对象花名册 (R-OVS-1): the society's at-risk households by list and difficulty level, the
 * visits due first; officers import the township's lists (template, xlsx from a chat, preview,
 * confirm) and record visits with findings, photos and visitors. The supervisor reads.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { orForbidden } from '../../utils/access';
import { chooseSpreadsheet, pickAndUploadPhotos, uploadSpreadsheet } from '../../../../services/files';
import {
  applyListImport,
  fetchListTemplate,
  fetchRoster,
  newRequestId,
  previewListImport,
  recordRosterVisit,
} from '../../../../services/roster';
import type { ListKind } from '../../../../domain/roster';
import {
  FORBIDDEN_ROSTER_MESSAGE,
  IMPORTED_TOAST,
  KIND_OPTIONS,
  MISSING_SOCIETY_MESSAGE,
  NO_FILE_MESSAGE,
  VISIT_SAVED_TOAST,
  toPreviewScreen,
  toRosterScreen,
  visitProblem,
  visitorsOf,
  type PreviewScreen,
  type RosterScreen,
  type VisitForm,
} from './view';

type Busy = '' | 'template' | 'choose' | 'apply' | 'visit' | 'photo';
type PickEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: string }>;
type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

const emptyVisit = (): VisitForm => ({ visitors: '', findings: '' });

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: FORBIDDEN_ROSTER_MESSAGE,
    screen: null as RosterScreen | null,
    busy: '' as Busy,
    kindOptions: KIND_OPTIONS,
    kind: 'dibao' as ListKind,
    fileId: '',
    token: '',
    preview: null as PreviewScreen | null,
    importError: '',
    /** The household whose visit form is open ('' when none). */
    visitId: '',
    visit: emptyVisit(),
    visitPhotos: [] as string[],
    visitRequestId: '',
    visitError: '',
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const view = await orForbidden(fetchRoster(societyId));
        if (view === 'forbidden') return 'forbidden';
        return { screen: toRosterScreen(view) };
      });
    },

    // -- list import -----------------------------------------------------------------------------

    onPickKind(event: PickEvent) {
      this.setData({ kind: event.currentTarget.dataset.value as ListKind, fileId: '', token: '', preview: null });
    },

    async onTemplate() {
      if (this.data.busy) return;
      this.setData({ busy: 'template', importError: '' });
      try {
        const { url } = await fetchListTemplate(this.data.kind);
        await new Promise<void>((resolve, reject) =>
          wx.downloadFile({
            url,
            success: (res) =>
              wx.openDocument({
                filePath: res.tempFilePath,
                fileType: 'xlsx',
                showMenu: true,
                success: () => resolve(),
                fail: reject,
              }),
            fail: reject,
          }),
        );
        this.setData({ busy: '' });
      } catch (err) {
        this.setData({ busy: '', importError: errorMessage(err) });
      }
    },

    async onChooseFile() {
      if (this.data.busy) return;
      this.setData({ busy: 'choose', importError: '', preview: null, token: '' });
      try {
        const path = await chooseSpreadsheet();
        if (!path) {
          this.setData({ busy: '' });
          return;
        }
        const fileId = await uploadSpreadsheet(path, { societyId: this.data.societyId });
        const preview = await previewListImport(this.data.societyId, this.data.kind, fileId);
        this.setData({ busy: '', fileId, token: preview.token ?? '', preview: toPreviewScreen(preview) });
      } catch (err) {
        this.setData({ busy: '', importError: errorMessage(err) });
      }
    },

    async onApply() {
      if (this.data.busy) return;
      if (!this.data.fileId || !this.data.token) {
        this.setData({ importError: NO_FILE_MESSAGE });
        return;
      }
      this.setData({ busy: 'apply', importError: '' });
      try {
        await applyListImport(this.data.societyId, this.data.kind, this.data.fileId, this.data.token);
        this.setData({ busy: '', fileId: '', token: '', preview: null });
        showToast(this, { message: IMPORTED_TOAST, theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ busy: '', importError: errorMessage(err) });
      }
    },

    // -- visits ----------------------------------------------------------------------------------

    onOpenVisit(event: PickEvent) {
      this.setData({
        visitId: event.currentTarget.dataset.value,
        visit: emptyVisit(),
        visitPhotos: [],
        visitRequestId: newRequestId('rv'),
        visitError: '',
      });
    },

    onCancelVisit() {
      this.setData({ visitId: '', visitError: '' });
    },

    onVisitInput(event: FieldEvent) {
      const field = event.currentTarget.dataset.field as keyof VisitForm;
      this.setData({ visit: { ...this.data.visit, [field]: event.detail.value }, visitError: '' });
    },

    async onAddPhotos() {
      if (this.data.busy) return;
      this.setData({ busy: 'photo' });
      try {
        const ids = await pickAndUploadPhotos(
          { kind: 'roster', societyId: this.data.societyId },
          9 - this.data.visitPhotos.length,
        );
        this.setData({ busy: '', visitPhotos: [...this.data.visitPhotos, ...ids] });
      } catch (err) {
        this.setData({ busy: '', visitError: errorMessage(err) });
      }
    },

    async onSubmitVisit() {
      if (this.data.busy) return;
      const problem = visitProblem(this.data.visit);
      if (problem) {
        this.setData({ visitError: problem });
        return;
      }
      this.setData({ busy: 'visit', visitError: '' });
      try {
        await recordRosterVisit({
          requestId: this.data.visitRequestId,
          rosterId: this.data.visitId,
          visitors: visitorsOf(this.data.visit.visitors),
          findings: this.data.visit.findings.trim(),
          photoFileIds: this.data.visitPhotos,
        });
        this.setData({ busy: '', visitId: '' });
        showToast(this, { message: VISIT_SAVED_TOAST, theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ busy: '', visitError: errorMessage(err) });
      }
    },
  },
});
