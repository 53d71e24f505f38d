/**
 * The situation form's inputs, shared by the applicant's apply page and the officer's discovery
 * intake (its form extends the applicant's): text fields, one-tap choices (the assistance list
 * toggles, 生活是否难以为继 is yes/no) and the two consents. Each turns the tap into a patch for
 * the page's own `_change(patch)`, which saves and re-shapes the screen.
 */
import { toggleAssistance, type ApplyForm } from '../pages/apply/view';
import type { GovernmentAssistance } from '../domain/relief';

/** What the behavior needs of the page. */
interface SituationFormPage {
  data: { form: ApplyForm };
  _change(patch: Partial<ApplyForm>): void;
}

type Dataset<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  T
>;

export const situationFormBehavior = Behavior({
  methods: {
    onInput(
      this: SituationFormPage,
      event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>,
    ) {
      this._change({ [event.currentTarget.dataset.field]: event.detail.value } as Partial<ApplyForm>);
    },

    onPick(this: SituationFormPage, event: Dataset<{ field: string; value: string }>) {
      const { field, value } = event.currentTarget.dataset;
      if (field === 'livingAtRisk') this._change({ livingAtRisk: value === 'yes' });
      else if (field === 'assistance') {
        this._change({ assistance: toggleAssistance(this.data.form.assistance, value as GovernmentAssistance) });
      } else this._change({ [field]: value } as Partial<ApplyForm>);
    },

    onToggleConsent(this: SituationFormPage, event: Dataset<{ field: string }>) {
      const field = event.currentTarget.dataset.field as 'consentProcessing' | 'consentNotice';
      this._change({ [field]: !this.data.form[field] });
    },
  },
});
