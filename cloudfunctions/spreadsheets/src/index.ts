import { cloudMain } from '../../../server/cloud/entry';
import { spreadsheetsFunction } from '../../../server/functions/spreadsheets';

export const main = cloudMain(spreadsheetsFunction);
