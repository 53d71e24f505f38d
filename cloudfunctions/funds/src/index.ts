import { cloudMain } from '../../../server/cloud/entry';
import { fundsFunction } from '../../../server/functions/funds';

export const main = cloudMain(fundsFunction);
