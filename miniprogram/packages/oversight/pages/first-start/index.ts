/**
 * 县级管理员初始化 (issue 12): on a new deployment, the holder of the deploy's one-time code
 * becomes the county bureau's administrator, then goes on to import the townships and villages.
 * Reached from home by a caller with no role while the code is unused.
 */
import { readingSizeBehavior } from '../../../../behaviors/reading-size';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { claimCountyAdmin } from '../../../../services/societies';
import { COUNTY_SETUP_PATH, INTRO_TEXT, checkFirstStartForm, doneText, emptyFirstStartForm } from './view';

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

Component({
  behaviors: [readingSizeBehavior],

  properties: {},

  data: {
    introText: INTRO_TEXT,
    form: emptyFirstStartForm(),
    formError: '',
    busy: false,
    done: '',
  },

  methods: {
    onFormInput(event: InputEvent) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    async onSubmit() {
      if (this.data.busy || this.data.done) return;
      const check = checkFirstStartForm(this.data.form);
      if (!check.ok) {
        this.setData({ formError: check.problem });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        const result = await claimCountyAdmin(check.input);
        this.setData({ busy: false, done: doneText(result) });
        showToast(this, { message: '初始化完成', theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    onContinue() {
      void wx.redirectTo({ url: COUNTY_SETUP_PATH });
    },

    onGoHome() {
      void wx.reLaunch({ url: '/pages/home/index' });
    },
  },
});
