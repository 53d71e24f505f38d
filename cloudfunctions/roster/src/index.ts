import { cloudMain } from '../../../server/cloud/entry';
import { rosterFunction } from '../../../server/functions/roster';

export const main = cloudMain(rosterFunction);
