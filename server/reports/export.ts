/** Exporting a monthly report as xlsx (kept apart so only the function that exports bundles exceljs). */
import type { ActionContext } from '../context';
import { readableReport, reportView } from './monthly';
import { monthlyReportWorkbook } from './xlsx';
import type { ExportedFile } from '../../miniprogram/domain/funds';

/** The report as an xlsx workbook in the Files port: its id and a short-lived address to download it. */
export async function exportMonthlyReport(ctx: ActionContext, id: string): Promise<ExportedFile> {
  const { report, latest } = await readableReport(ctx, id);
  const content = await monthlyReportWorkbook(reportView(report, latest));
  const fileName = `${report.societyName}-${report.month}-第${report.version}版.xlsx`;
  const stored = await ctx.files.put(
    `reports/monthly/${report.societyId}/${report.month}-v${report.version}.xlsx`,
    content,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return { fileId: stored.fileId, url: await ctx.files.url(stored.fileId), fileName };
}
