/**
 * Every cloud function by name. A folder under cloudfunctions/ exists for each, with an entry of
 * a few lines; functions of later features (applications, approvals, notices, pledges, funds,
 * roster, scheduler, spreadsheets) join here with their issue.
 */
import type { FunctionDefinition } from '../api/define';
import { societiesFunction } from './societies';
import { pledgesFunction } from './pledges';
import { fundsFunction } from './funds';
import { schedulerFunction } from './scheduler';
import { applicationsFunction } from './applications';
import { approvalsFunction } from './approvals';
import { noticesFunction } from './notices';
import { rosterFunction } from './roster';
import { spreadsheetsFunction } from './spreadsheets';

const TABLE = {
  societies: societiesFunction,
  pledges: pledgesFunction,
  funds: fundsFunction,
  scheduler: schedulerFunction,
  applications: applicationsFunction,
  approvals: approvalsFunction,
  notices: noticesFunction,
  roster: rosterFunction,
  spreadsheets: spreadsheetsFunction,
};

/**
 * The table's exact type: each function's actions with their payload schemas and handlers.
 * server/tools/contract.ts reads it to write miniprogram/services/contract.d.ts, the types the
 * pages' calls are checked against.
 */
export type CloudFunctions = typeof TABLE;

export const FUNCTIONS: Record<string, FunctionDefinition> = TABLE;
