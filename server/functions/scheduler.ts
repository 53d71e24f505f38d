/**
 * The `scheduler` cloud function: the timer trigger of cloudfunctions/scheduler/config.json runs
 * the monthly reports at 02:00 Beijing time on the 1st (R-PROC-8). The dispatcher recognises the
 * platform's timer event (`{ Type: 'Timer', TriggerName, Time, Message }`, no OPENID) and runs the
 * action this function's timer table names; a call with no caller that is not a timer is refused.
 * A township, county or federation officer may run the same job for their area (a catch-up).
 * Every night a second timer re-seals personal data still sealed with a previous key (rotation),
 * then recomputes person keys not yet under the current JJN_PERSON_KEY (re-key).
 * Every 30 minutes a third sends deadline reminders and overdue escalations (messages/reminders.ts).
 * Every night a fourth verifies the audit chains' new events and the ledgers' new entries and
 * moves their checkpoints on (audit/checkpoints.ts, ledger/checkpoints.ts); on the 1st of the
 * month it re-verifies every chain and ledger from the start.
 * Every minute a fifth hands on what actions kept on their cases and pledges (their audit events
 * and messages, outbound.ts), seals the audit events appended pending (audit/seal.ts), and sends
 * the messages queued and not yet sent.
 */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { runMonthlyReports } from '../reports/monthly';
import { zMonth } from '../funds/schemas';
import { resealPersonalData } from '../cases/reseal';
import { rekeyPersons } from '../cases/rekey';
import { sendDeadlineMessages } from '../messages/reminders';
import { advanceAuditCheckpoints } from '../audit/checkpoints';
import { countDigestsDue } from '../oversight/digest';
import { sealPendingAudit } from '../audit/seal';
import { deliverPending } from '../messages/outbox';
import { advanceLedgerCheckpoints } from '../ledger/checkpoints';
import { beijingDayOf } from '../domain/workdays';

export const schedulerFunction = defineFunction(
  'scheduler',
  '定时任务：每月1日生成并报送上月月报；每天用当前密钥重新加密个人信息（密钥轮换）',
  {
    runMonthlyReports: action({
      summary:
        '生成并报送各互助社某月（默认上月）的月报：定时触发器（无用户身份）处理全部互助社；乡镇、县、联合会可为本辖区补发',
      access: ['township', 'county', 'federation'],
      timer: true,
      payload: z.strictObject({ month: z.optional(zMonth) }),
      errors: ['FORBIDDEN'],
      handler: (ctx, { month }) => runMonthlyReports(ctx, month),
    }),
    resealPersonalData: action({
      summary:
        '密钥轮换：把仍用旧密钥（JJN_PII_KEYS_PREVIOUS）加密或尚未加密的个人信息（案件、线索、帮办、名单、花名册、走访）改用当前密钥（JJN_PII_KEY）加密，再按当前人员密钥（JJN_PERSON_KEY）重算人员标识，每次最多各 500 份；只由定时触发器运行',
      access: [],
      timer: true,
      payload: z.strictObject({}),
      errors: [],
      handler: async (ctx) => {
        const resealed = await resealPersonalData(ctx.store, { batch: 500, log: ctx.log });
        const rekeyed = await rekeyPersons(ctx.store, { batch: 500, log: ctx.log, now: ctx.clock.now() });
        // Counts only (the logs hold them by collection).
        return { resealed: resealed.resealed, rekeyed: rekeyed.rekeyed, more: resealed.more || rekeyed.more };
      },
    }),
    sendDeadlineMessages: action({
      summary:
        '每30分钟：期限前4个工作小时提醒秘书长和社长，超时的报乡镇；并发送待发的订阅消息（失败的按微信错误码重试）。每条只发一次；只由定时触发器运行',
      access: [],
      timer: true,
      payload: z.strictObject({}),
      errors: [],
      handler: (ctx) => sendDeadlineMessages(ctx),
    }),
    checkpointChains: action({
      summary:
        '每天夜间：从上次核验处起核验各范围操作记录链的新记录和各社资金台账的新记账，并把核验点前移；每月1日从头核验全部。只由定时触发器运行',
      access: [],
      timer: true,
      payload: z.strictObject({}),
      errors: [],
      handler: async (ctx) => {
        const now = ctx.clock.now();
        const full = beijingDayOf(now).endsWith('-01');
        const audit = await advanceAuditCheckpoints(ctx.store, { now, full, log: ctx.log });
        const ledgers = await advanceLedgerCheckpoints(ctx.store, { now, full, log: ctx.log });
        return {
          full,
          auditScopes: audit.checked,
          auditEvents: audit.events,
          brokenChains: audit.broken.length,
          ledgers: ledgers.checked,
          brokenLedgers: ledgers.broken.length,
          more: audit.more,
        };
      },
    }),
    sealAudit: action({
      summary:
        '每分钟：把暂存在案件和认捐上的操作记录和消息转入操作记录和待发消息，把各项操作新记下的操作记录按时间顺序接入各范围的记录链（编号并计算哈希，每次最多 2000 条），重新统计这些操作涉及的互助社的监督和乡镇概览，再发送待发消息。只由定时触发器运行',
      access: [],
      timer: true,
      payload: z.strictObject({}),
      errors: [],
      handler: async (ctx) => {
        // Sealing hands on first what actions kept on their documents; then their messages go out.
        const { handedOn, ...sealed } = await sealPendingAudit(ctx.store);
        if (handedOn.failed.length) ctx.log.error('hand-on failed', { failed: handedOn.failed.slice(0, 20) });
        // The overviews of the societies whose events were just sealed (oversight/digest.ts).
        const digests = await countDigestsDue(ctx.store, ctx.clock.now());
        const messages = await deliverPending(ctx);
        return {
          ...sealed,
          handedOn: handedOn.docs,
          handOnFailed: handedOn.failed.length,
          digests: digests.counted,
          messages,
          more: sealed.more || handedOn.more || digests.more,
        };
      },
    }),
  },
  {
    monthlyReports: 'runMonthlyReports',
    resealPersonalData: 'resealPersonalData',
    deadlineMessages: 'sendDeadlineMessages',
    checkpoints: 'checkpointChains',
    sealAudit: 'sealAudit',
  },
);
