/** The `roster` cloud function: assistance lists, the roster of at-risk households and its visits (R-OVS-1). */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { zDate, zId, zRequestId, zText } from '../api/schemas';
import { zFileId, zIdNumberInput, zName } from '../cases/schemas';
import {
  addRosterHousehold,
  dueRosterVisits,
  getRosterLevels,
  recordRosterVisit,
  removeRosterHousehold,
  rosterEntry,
  rosterOf,
  setRosterLevel,
  setRosterLevels,
} from '../roster/roster';
import { MANUAL_CATEGORIES, MAX_DIFFICULTY_LEVELS, type ManualCategory } from '../../miniprogram/domain/roster';

const OFFICERS = ['secretary', 'president'] as const;
const READERS = ['secretary', 'president', 'supervisor'] as const;
const zRosterId = zId.check(z.describe('花名册记录编号'));

export const rosterFunction = defineFunction('roster', '困难群众名单导入、重点对象花名册与定期走访', {
  roster: action({
    summary: '本社重点对象花名册：按名单类别和困难等级统计，按下次走访日期排序',
    access: [...READERS],
    payload: z.strictObject({ societyId: zId.check(z.describe('互助社编号')) }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, { societyId }) => rosterOf(ctx, societyId),
  }),
  rosterEntry: action({
    summary: '花名册中的一户：身份、住址、所在名单、困难等级和历次走访记录',
    access: [...READERS],
    payload: z.strictObject({ rosterId: zRosterId }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, { rosterId }) => rosterEntry(ctx, rosterId),
  }),
  recordVisit: action({
    summary: '记录一次走访（走访情况、照片、走访人），下次走访日期随之顺延',
    access: [...OFFICERS],
    payload: z.strictObject({
      requestId: zRequestId,
      rosterId: zRosterId,
      visitDay: z.optional(z.nullable(zDate)).check(z.describe('走访日期，不填为今天')),
      visitors: z
        .array(zName.check(z.describe('走访人')))
        .check(z.minLength(1), z.maxLength(6), z.describe('走访人姓名')),
      findings: zText(1000, '走访情况'),
      photoFileIds: z._default(z.array(zFileId).check(z.maxLength(9)), []).check(z.describe('走访照片')),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    handler: (ctx, payload) => recordRosterVisit(ctx, payload),
  }),
  addHousehold: action({
    summary: '手工将一户列入花名册（姓名、身份证号、类别、困难等级、村民小组、理由），已在花名册上的不重复列入',
    access: [...OFFICERS],
    payload: z.strictObject({
      requestId: zRequestId,
      societyId: zId.check(z.describe('互助社编号')),
      name: zName,
      idNumber: zIdNumberInput,
      category: z
        .enum(MANUAL_CATEGORIES as unknown as [ManualCategory, ...ManualCategory[]])
        .check(z.describe('类别：名单类别之一，或 other 其他困难')),
      levelId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,15}$/), z.describe('困难等级编号')),
      group: z.optional(z.nullable(zText(20, '村民小组'))),
      reason: zText(200, '列入理由'),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'DUPLICATE'],
    handler: (ctx, payload) => addRosterHousehold(ctx, payload),
  }),
  removeHousehold: action({
    summary: '将一户移出花名册并写明理由（走访记录保留；名单再次列入时重新列入）',
    access: [...OFFICERS],
    payload: z.strictObject({
      requestId: zRequestId,
      rosterId: zRosterId,
      reason: zText(200, '移出理由'),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'DUPLICATE'],
    handler: (ctx, payload) => removeRosterHousehold(ctx, payload),
  }),
  setLevel: action({
    summary: '调整一户的困难等级（走访周期随之改变）',
    access: [...OFFICERS],
    payload: z.strictObject({
      rosterId: zRosterId,
      levelId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,15}$/), z.describe('困难等级编号')),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, payload) => setRosterLevel(ctx, payload),
  }),
  dueVisits: action({
    summary: '近 7 天应走访和已逾期的走访（工作台一社、乡镇和县看所辖各社），只含打码姓名',
    access: [...READERS, 'township', 'county'],
    payload: z.strictObject({ societyId: z.optional(z.nullable(zId)).check(z.describe('只看一个互助社时给出')) }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, payload) => dueRosterVisits(ctx, payload),
  }),
  levels: action({
    summary: '县里设定的困难等级和走访周期（未设定时为默认值）；不给县编号时为本人所在的县',
    access: 'known',
    payload: z.strictObject({ countyId: z.optional(z.nullable(zId)).check(z.describe('县编号')) }),
    errors: ['FORBIDDEN'],
    handler: (ctx, { countyId }) => getRosterLevels(ctx, countyId),
  }),
  setLevels: action({
    summary: '县民政局设定困难等级和各级走访周期，花名册的走访计划随之调整',
    access: ['county'],
    payload: z.strictObject({
      countyId: z.optional(z.nullable(zId)).check(z.describe('县编号，不填为本人所在的县')),
      levels: z
        .array(
          z.strictObject({
            id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,15}$/), z.describe('等级编号')),
            label: zText(20, '等级名称'),
            visitEveryDays: z.number().check(z.int(), z.minimum(7), z.maximum(366), z.describe('走访周期（天）')),
          }),
        )
        .check(z.minLength(1), z.maxLength(MAX_DIFFICULTY_LEVELS), z.describe('各困难等级')),
    }),
    errors: ['FORBIDDEN'],
    handler: (ctx, payload) => setRosterLevels(ctx, payload),
  }),
});
