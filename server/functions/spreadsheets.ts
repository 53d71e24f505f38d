/**
 * The `spreadsheets` cloud function: every action that reads or makes an xlsx file — the list
 * import and its template (issue 13), the county's townships and villages and their template
 * (issue 12), and the monthly report's workbook. It alone carries the xlsx library, so every other
 * function's bundle stays small (issue 15: ≤ 1 MB each, checked by test/project/bundles.test.ts).
 * The use cases are the same as everywhere: only their entry lives here.
 */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { zId } from '../api/schemas';
import { zFileId } from '../cases/schemas';
import { applyListImport, listTemplate, previewListImport } from '../roster/lists';
import { areaTemplate, importAreas } from '../registry/area-import';
import { exportMonthlyReport } from '../reports/export';
import { LIST_KINDS, type ListKind } from '../../miniprogram/domain/roster';
import type { Role } from '../../miniprogram/domain/society';

const OFFICERS = ['secretary', 'president'] as const;
const REPORT_READERS: Role[] = ['secretary', 'president', 'supervisor', 'township', 'county', 'federation'];
const zListKind = z
  .enum(LIST_KINDS as unknown as [ListKind, ...ListKind[]])
  .check(
    z.describe(
      '名单：dibao 低保 / tekun 特困 / nearDibao 低保边缘 / relapseMonitored 防止返贫监测 / expenditureHardship 支出型困难',
    ),
  );
const importShape = {
  societyId: z.optional(z.nullable(zId)).check(z.describe('导入本村名单时：互助社编号')),
  townshipId: z.optional(z.nullable(zId)).check(z.describe('乡镇导入全乡镇名单时：乡镇编号')),
  kind: zListKind,
  fileId: zFileId.check(z.describe('上传的 xlsx 文件编号')),
};

export const spreadsheetsFunction = defineFunction('spreadsheets', '表格：名单导入、乡镇和村导入、月报导出（xlsx）', {
  listTemplate: action({
    summary: '名单导入模板（xlsx）：列名、示例行和填写说明',
    access: [...OFFICERS, 'township'],
    payload: z.strictObject({ kind: zListKind }),
    errors: [],
    handler: (ctx, { kind }) => listTemplate(ctx, kind),
  }),
  previewListImport: action({
    summary:
      '预览名单导入：有错误的行逐行列出、整表不导入；无误时列出新增、移出和变更的人数及打码姓名，返回确认用的令牌',
    access: [...OFFICERS, 'township'],
    payload: z.strictObject(importShape),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, payload) => previewListImport(ctx, payload),
  }),
  applyListImport: action({
    summary: '确认导入名单（须带预览令牌，名单有变化时须重新预览），记入操作记录并更新花名册',
    access: [...OFFICERS, 'township'],
    payload: z.strictObject({
      ...importShape,
      token: z.string().check(z.regex(/^[0-9a-f]{20}$/), z.describe('预览令牌')),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    handler: (ctx, payload) => applyListImport(ctx, payload),
  }),
  areaTemplate: action({
    summary: '县民政局下载乡镇和村（社区）导入模板（xlsx，Base64）',
    access: ['county'],
    payload: z.strictObject({}),
    errors: ['FORBIDDEN'],
    handler: (ctx) => areaTemplate(ctx),
  }),
  importAreas: action({
    summary:
      '县民政局从 xlsx 导入乡镇和村（社区）：有任何一行不对则整份不导入并列出行号；再次导入只增加新的，不删除、不改名',
    access: ['county'],
    payload: z.strictObject({
      fileBase64: z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(2_000_000),
          z.regex(/^[A-Za-z0-9+/=]+$/),
          z.describe('xlsx 文件内容（Base64）'),
        ),
    }),
    errors: ['FORBIDDEN', 'BAD_REQUEST'],
    handler: (ctx, { fileBase64 }) => importAreas(ctx, fileBase64),
  }),
  exportMonthlyReport: action({
    summary: '把月报导出为 Excel 工作簿（xlsx），返回文件编号和下载地址',
    access: REPORT_READERS,
    payload: z.strictObject({ reportId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { reportId }) => exportMonthlyReport(ctx, reportId),
  }),
});
