import { cloudMain } from '../../../server/cloud/entry';
import { societiesFunction } from '../../../server/functions/societies';

export const main = cloudMain(societiesFunction);
