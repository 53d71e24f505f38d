import { cloudMain } from '../../../server/cloud/entry';
import { schedulerFunction, timerEventToAction } from '../../../server/functions/scheduler';

const run = cloudMain(schedulerFunction);
export const main = (event: unknown) => run(timerEventToAction(event));
