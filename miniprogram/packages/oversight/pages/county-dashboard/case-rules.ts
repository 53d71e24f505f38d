/**
 * The county's decision clock on the county dashboard: how many working days a proposal may wait
 * for its decision before it is overdue to the township (default 1). The county bureau changes
 * it; a township reads it. Pure: tested without rendering.
 */
import {
  DECISION_WORKING_DAYS_MAX,
  DECISION_WORKING_DAYS_MIN,
  type CountyCaseRulesView,
} from '../../../../domain/case';

export const CASE_RULES_SAVED = '审批时限已保存，对此后提出的审批意见生效';

export interface CaseRulesScreen {
  /** 「审批意见提出后 1 个工作日内作出决定（默认）」 */
  text: string;
  hint: string;
  canEdit: boolean;
  options: Array<{ value: number; label: string }>;
}

export function toCaseRulesScreen(rules: CountyCaseRulesView): CaseRulesScreen {
  const options: CaseRulesScreen['options'] = [];
  for (let days = DECISION_WORKING_DAYS_MIN; days <= DECISION_WORKING_DAYS_MAX; days += 1) {
    options.push({ value: days, label: `${days} 个工作日` });
  }
  return {
    text: `审批意见提出后 ${rules.decisionWorkingDays} 个工作日内作出决定（${rules.defaulted ? '默认' : '县民政局设定'}）`,
    hint: '逾期未作决定的案件列入乡镇的超时清单；修改对此后提出的审批意见生效。',
    canEdit: rules.canEdit,
    options,
  };
}
