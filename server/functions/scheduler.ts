/**
 * The `scheduler` cloud function: the timer trigger of cloudfunctions/scheduler/config.json runs
 * the monthly reports at 02:00 Beijing time on the 1st (R-PROC-8). The dispatcher recognises the
 * platform's timer event (`{ Type: 'Timer', TriggerName, Time, Message }`, no OPENID) and runs the
 * action this function's timer table names; a call with no caller that is not a timer is refused.
 * A township, county or federation officer may run the same job for their area (a catch-up).
 */
import { z } from 'zod';
import { action, defineFunction } from '../api/define';
import { runMonthlyReports } from '../reports/monthly';
import { zMonth } from '../funds/schemas';

export const schedulerFunction = defineFunction(
  'scheduler',
  '定时任务：每月1日生成并报送上月月报',
  {
    runMonthlyReports: action({
      summary:
        '生成并报送各互助社某月（默认上月）的月报：定时触发器（无用户身份）处理全部互助社；乡镇、县、联合会可为本辖区补发',
      access: ['township', 'county', 'federation'],
      timer: true,
      payload: z.strictObject({ month: zMonth.optional() }),
      errors: ['FORBIDDEN'],
      handler: (ctx, { month }) => runMonthlyReports(ctx, month),
    }),
  },
  { monthlyReports: 'runMonthlyReports' },
);
