/** 反映线索: the clue form's checks and wording. Pure. */
import { MAX_CLUES_PER_DAY } from '../../domain/clues';

export const MISSING_SOCIETY_MESSAGE = '没有指定互助社，请从互助社页面进入';
export const PERSON_HINT_MAX = 100;
export const WHAT_HAPPENED_MAX = 500;
export const MY_CLUES_URL = '/pages/my-clues/index';

export const CLUE_INTRO =
  '身边有人遇到大病、意外等急难，自己没有申请？告诉互助社，工作人员会上门了解。' +
  `每人每天最多反映 ${MAX_CLUES_PER_DAY} 条。`;

export const ANONYMOUS_NOTE = '匿名反映：互助社看不到您是谁，您仍可在「我的线索」查看处理结果。';
export const NAMED_NOTE = '实名反映：互助社工作人员能看到您的姓名，方便向您了解情况。';

export interface ClueForm {
  personHint: string;
  whatHappened: string;
  anonymous: boolean;
  reporterName: string;
  photoFileId: string;
}

export function emptyClueForm(): ClueForm {
  return { personHint: '', whatHappened: '', anonymous: true, reporterName: '', photoFileId: '' };
}

/** What is missing, in Chinese; [] when the form can be sent. `needsName`: a named clue from someone we do not know. */
export function clueProblems(form: ClueForm, needsName: boolean): string[] {
  const problems: string[] = [];
  if (form.personHint.trim().length < 2) problems.push('请写明谁可能需要帮助（姓名或住在哪里）');
  if (form.whatHappened.trim().length < 4) problems.push('请简单说说发生了什么');
  if (!form.anonymous && needsName && !form.reporterName.trim()) problems.push('请填写您的姓名，或选择匿名反映');
  return problems;
}

export const DONE_MESSAGE = '线索已送到互助社。处理结果可在「我的线索」查看，我们不会向您透露他人的个人信息。';
