import { cloudMain } from '../../../server/cloud/entry';
import { pledgesFunction } from '../../../server/functions/pledges';

export const main = cloudMain(pledgesFunction);
