import { cloudMain } from '../../../server/cloud/entry';
import { schedulerFunction } from '../../../server/functions/scheduler';

// The dispatcher recognises the timer trigger's event itself (server/api/dispatch.ts).
export const main = cloudMain(schedulerFunction);
