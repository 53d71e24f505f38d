import { cloudMain } from '../../../server/cloud/entry';
import { approvalsFunction } from '../../../server/functions/approvals';

export const main = cloudMain(approvalsFunction);
