/**
 * 乡镇村导入与邀请 (issue 12's first start), county bureau only: download the xlsx template,
 * import the county's townships and villages (a bad file is refused whole, with its rows), and
 * invite township, federation and county officers (the code is shown once). One request id per
 * invitation, kept across retries.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { newRequestId } from '../../../../services/request-id';
import {
  createAreaInvitation,
  fetchAreaTemplate,
  fetchAreas,
  fetchMe,
  importAreas,
} from '../../../../services/societies';
import { openXlsxFromBase64, pickXlsx } from '../../../../services/spreadsheets';
import type { AreaInvitableRole, AreaTreeView } from '../../../../domain/first-start';
import {
  IMPORT_HINT,
  NEXT_STEP_TEXT,
  NOT_COUNTY_MESSAGE,
  ROLE_OPTIONS,
  checkAreaInvite,
  emptyAreaInviteForm,
  importSummary,
  toAreaScreen,
  toCreatedAreaScreen,
  type AreaScreen,
  type CreatedAreaScreen,
} from './view';

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;
type DataEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notCountyMessage: NOT_COUNTY_MESSAGE,
    importHint: IMPORT_HINT,
    nextStepText: NEXT_STEP_TEXT,
    roleOptions: ROLE_OPTIONS,
    tree: null as AreaTreeView | null,
    areas: null as AreaScreen | null,
    importing: false,
    importText: '',
    importProblems: [] as string[],
    templateNote: '',
    form: emptyAreaInviteForm(),
    requestId: '',
    formError: '',
    busy: false,
    created: null as CreatedAreaScreen | null,
  },

  methods: {
    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        if (!me.roles.some((grant) => grant.role === 'county')) return 'forbidden';
        const tree = await fetchAreas();
        return { tree, areas: toAreaScreen(tree) };
      });
    },

    async onDownloadTemplate() {
      try {
        const template = await fetchAreaTemplate();
        const opened = await openXlsxFromBase64(template.fileName, template.base64);
        this.setData({
          templateNote: opened
            ? '模板已打开：点右上角「…」发送到电脑（文件传输助手）后填写'
            : '无法在手机上打开模板，请稍后重试',
        });
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },

    async onImport() {
      if (this.data.importing) return;
      let picked: { name: string; base64: string } | null;
      try {
        picked = await pickXlsx();
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
        return;
      }
      if (!picked) return;
      this.setData({ importing: true, importText: '', importProblems: [] });
      try {
        const result = await importAreas(picked.base64);
        this.setData({ importing: false, importText: importSummary(result), importProblems: result.problems });
        if (result.ok) {
          showToast(this, { message: '导入完成', theme: 'success' });
          await this._load();
        }
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ importing: false, importText: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    onPickRole(event: DataEvent) {
      this.setData({ 'form.role': event.currentTarget.dataset.value as AreaInvitableRole, formError: '' });
    },

    onPickTownship(event: DataEvent) {
      this.setData({ 'form.townshipId': event.currentTarget.dataset.value, formError: '' });
    },

    onFormInput(event: InputEvent) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    async onInvite() {
      const tree = this.data.tree;
      if (!tree || this.data.busy) return;
      const check = checkAreaInvite(this.data.form, tree);
      if (!check.ok) {
        this.setData({ formError: check.problem });
        return;
      }
      const requestId = this.data.requestId || newRequestId('area-invite');
      this.setData({ requestId, busy: true, formError: '' });
      try {
        const created = await createAreaInvitation({ requestId, ...check.input });
        this.setData({
          busy: false,
          requestId: '',
          created: toCreatedAreaScreen(created),
          form: { ...emptyAreaInviteForm(), role: this.data.form.role, townshipId: this.data.form.townshipId },
        });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    onCopyCode() {
      const code = this.data.created?.code;
      if (code) wx.setClipboardData({ data: code });
    },

    onCopyLink() {
      const path = this.data.created?.path;
      if (path) wx.setClipboardData({ data: path });
    },

    onCloseCreated() {
      this.setData({ created: null });
    },
  },
});
