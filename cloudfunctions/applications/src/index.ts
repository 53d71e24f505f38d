import { cloudMain } from '../../../server/cloud/entry';
import { applicationsFunction } from '../../../server/functions/applications';

export const main = cloudMain(applicationsFunction);
