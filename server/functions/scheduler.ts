/**
 * The `scheduler` cloud function: the timer trigger of cloudfunctions/scheduler/config.json runs
 * the monthly reports at 02:00 Beijing time on the 1st (R-PROC-8). A timer calls with no OPENID
 * and an event `{ Type: 'Timer', TriggerName, Time, Message }`; `timerEventToAction` turns it
 * into an action. A person may run the same job for their area (a catch-up).
 */
import { z } from 'zod';
import { action, defineFunction } from '../api/define';
import { AppError } from '../api/errors';
import { runMonthlyReports } from '../reports/monthly';
import { zMonth } from '../funds/schemas';

/** Timer trigger names (config.json) → the action each runs. */
export const TIMER_ACTIONS: Record<string, string> = { monthlyReports: 'runMonthlyReports' };

/** A CloudBase timer event becomes `{ action }`; any other event passes through unchanged. */
export function timerEventToAction(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return event;
  const { Type, TriggerName } = event as Record<string, unknown>;
  if (Type !== 'Timer' || typeof TriggerName !== 'string') return event;
  return { action: TIMER_ACTIONS[TriggerName] ?? `timer:${TriggerName}` };
}

export const schedulerFunction = defineFunction('scheduler', '定时任务：每月1日生成并报送上月月报', {
  runMonthlyReports: action({
    summary:
      '生成并报送各互助社某月（默认上月）的月报：定时触发器（无用户身份）处理全部互助社；乡镇、县、联合会可为本辖区补发',
    access: 'anyone',
    payload: z.strictObject({ month: zMonth.optional() }),
    errors: ['FORBIDDEN'],
    handler: (ctx, { month }) => {
      // No OPENID: the timer (or another function). A person must hold an area role.
      if (
        ctx.caller.openid !== null &&
        !ctx.caller.grants.some((g) => ['township', 'county', 'federation'].includes(g.role))
      ) {
        throw new AppError('FORBIDDEN', `caller ${ctx.caller.openid} may not run the monthly reports`);
      }
      return runMonthlyReports(ctx, month);
    },
  }),
});
