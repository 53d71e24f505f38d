/** The `societies` cloud function: the registry of societies and who holds which role. */
import { z } from 'zod';
import { action, defineFunction } from '../api/define';
import { zDate, zId } from '../api/schemas';
import { setWorkCalendar, workCalendarStatus } from '../calendar/usecases';
import { describeCaller, getSocietyPublicView, listSocieties } from '../societies/usecases';

export const societiesFunction = defineFunction('societies', '互助社登记备案、成员与角色', {
  getPublicPage: action({
    summary: '互助社公开页面：名称、所在村、登记/备案、状态、互助资金余额（任何人可看）',
    access: 'anyone',
    payload: z.strictObject({ societyId: zId.describe('互助社编号') }),
    errors: ['NOT_FOUND'],
    handler: (ctx, { societyId }) => getSocietyPublicView(ctx, societyId),
  }),
  me: action({
    summary: '当前用户的姓名与在各互助社、乡镇、县的角色',
    access: 'anyone',
    payload: z.strictObject({}),
    errors: [],
    handler: (ctx) => describeCaller(ctx),
  }),
  list: action({
    summary: '乡镇、县民政局、联合会查看其辖区内的互助社',
    access: ['township', 'county', 'federation'],
    payload: z.strictObject({ townshipId: zId.optional().describe('只看这个乡镇') }),
    errors: ['FORBIDDEN'],
    handler: async (ctx, { townshipId }) => ({ items: await listSocieties(ctx, townshipId) }),
  }),
  workCalendarStatus: action({
    summary: '本年和下一年的法定节假日与调休安排是否齐备（缺少时工作日按周一至周五计算）',
    access: ['county', 'township', 'federation'],
    payload: z.strictObject({}),
    errors: ['FORBIDDEN'],
    handler: (ctx) => workCalendarStatus(ctx),
  }),
  setWorkCalendar: action({
    summary: '县民政局录入某一年官方公布的放假与调休上班日期，替代内置数据',
    access: ['county'],
    payload: z.strictObject({
      year: z.number().int().min(2000).max(2199).describe('年份'),
      holidays: z.array(zDate).min(1).max(366).describe('放假日期'),
      workdays: z.array(zDate).max(366).describe('调休上班日期（周六或周日）'),
    }),
    errors: ['FORBIDDEN'],
    handler: (ctx, schedule) => setWorkCalendar(ctx, schedule),
  }),
});
