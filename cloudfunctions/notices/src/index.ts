import { cloudMain } from '../../../server/cloud/entry';
import { noticesFunction } from '../../../server/functions/notices';
export const main = cloudMain(noticesFunction);
