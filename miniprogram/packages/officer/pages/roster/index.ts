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
  addRosterHousehold,
  applyListImport,
  fetchListTemplate,
  fetchRoster,
  newRequestId,
  previewListImport,
  recordRosterVisit,
  removeRosterHousehold,
} from '../../../../services/roster';
import type { ListKind, RosterView } from '../../../../domain/roster';
import {
  ADDED_TOAST,
  CATEGORY_OPTIONS,
  FORBIDDEN_ROSTER_MESSAGE,
  REMOVED_TOAST,
  RESUMED_TOAST,
  addProblem,
  emptyAddForm,
  type AddForm,
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

type Busy = '' | 'template' | 'choose' | 'apply' | 'visit' | 'photo' | 'add' | 'remove' | 'resume';
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
    view: null as RosterView | null,
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
    categoryOptions: CATEGORY_OPTIONS,
    /** 手工添加一户: the form, open or not. */
    adding: false,
    addForm: emptyAddForm(''),
    addRequestId: '',
    addError: '',
    /** The household being taken off the roster ('' when none). */
    removeId: '',
    removeReason: '',
    removeRequestId: '',
    removeError: '',
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const view = await orForbidden(fetchRoster(societyId));
        if (view === 'forbidden') return 'forbidden';
        return { view, screen: toRosterScreen(view) };
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

    /** Finishes an import a dead call left half-applied: the same token resumes it (R-OVS-1). */
    async onResumeImport(event: PickEvent) {
      if (this.data.busy) return;
      const token = event.currentTarget.dataset.value;
      const view = this.data.view;
      const unfinished = view?.unfinishedImports.find((each) => each.token === token);
      if (!unfinished) return;
      this.setData({ busy: 'resume', importError: '' });
      try {
        await applyListImport(this.data.societyId, unfinished.kind, unfinished.fileId, unfinished.token);
        this.setData({ busy: '' });
        showToast(this, { message: RESUMED_TOAST, theme: 'success' });
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

    // -- the roster by hand (R-OVS-1) --------------------------------------------------------------

    onOpenAdd() {
      const levels = this.data.screen?.levelOptions ?? [];
      this.setData({
        adding: true,
        addForm: emptyAddForm(levels[0]?.value ?? ''),
        addRequestId: newRequestId('ra'),
        addError: '',
      });
    },

    onCancelAdd() {
      this.setData({ adding: false, addError: '' });
    },

    onAddInput(event: FieldEvent) {
      const field = event.currentTarget.dataset.field as keyof AddForm;
      this.setData({ addForm: { ...this.data.addForm, [field]: event.detail.value }, addError: '' });
    },

    onPickAddOption(
      event: WechatMiniprogram.CustomEvent<
        Record<string, never>,
        Record<string, never>,
        { field: string; value: string }
      >,
    ) {
      const { field, value } = event.currentTarget.dataset;
      this.setData({ addForm: { ...this.data.addForm, [field]: value }, addError: '' });
    },

    async onSubmitAdd() {
      if (this.data.busy) return;
      const form = this.data.addForm;
      const problem = addProblem(form, this.data.screen?.today ?? '');
      if (problem) {
        this.setData({ addError: problem });
        return;
      }
      this.setData({ busy: 'add', addError: '' });
      try {
        await addRosterHousehold({
          requestId: this.data.addRequestId,
          societyId: this.data.societyId,
          name: form.name.trim(),
          idNumber: form.idNumber.trim(),
          category: form.category,
          levelId: form.levelId,
          group: form.group.trim() || null,
          reason: form.reason.trim(),
        });
        this.setData({ busy: '', adding: false });
        showToast(this, { message: ADDED_TOAST, theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ busy: '', addError: errorMessage(err) });
      }
    },

    onOpenRemove(event: PickEvent) {
      this.setData({
        removeId: event.currentTarget.dataset.value,
        removeReason: '',
        removeRequestId: newRequestId('rr'),
        removeError: '',
      });
    },

    onCancelRemove() {
      this.setData({ removeId: '', removeError: '' });
    },

    onRemoveInput(event: FieldEvent) {
      this.setData({ removeReason: event.detail.value, removeError: '' });
    },

    async onSubmitRemove() {
      if (this.data.busy) return;
      const reason = this.data.removeReason.trim();
      if (!reason) {
        this.setData({ removeError: '请写明移出花名册的理由' });
        return;
      }
      this.setData({ busy: 'remove', removeError: '' });
      try {
        await removeRosterHousehold({ requestId: this.data.removeRequestId, rosterId: this.data.removeId, reason });
        this.setData({ busy: '', removeId: '' });
        showToast(this, { message: REMOVED_TOAST, theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ busy: '', removeError: errorMessage(err) });
      }
    },
  },
});
