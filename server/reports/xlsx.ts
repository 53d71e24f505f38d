/**
 * The monthly report as an Excel workbook (R-PROC-8), for the township and the federation to
 * file or forward. Server side only (exceljs is bundled into the cloud function, never shipped
 * to the phone). Amounts are written in yuan with two decimals, converted from fen exactly.
 */
import ExcelJS from 'exceljs';
import {
  LEDGER_ENTRY_LABELS,
  RELIEF_KIND_LABELS,
  UNRATIFIED_MONTH_LABEL,
  type MonthlyReportView,
} from '../../miniprogram/domain/funds';
import { beijingDayOf } from '../domain/workdays';

const YUAN_FORMAT = '#,##0.00';

/** Fen to a yuan number for a cell: exact to the cent (fen / 100 of a safe integer rounds right at 2 decimals). */
function yuan(fen: number): number {
  return Math.round(fen) / 100;
}

export async function monthlyReportWorkbook(report: MonthlyReportView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '救急难互助社';
  workbook.created = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet('月报');
  sheet.columns = [
    { key: 'item', width: 28 },
    { key: 'value', width: 20 },
    { key: 'count', width: 12 },
  ];
  const title = sheet.addRow([`${report.societyName} ${report.monthLabel}工作月报`]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(`A${title.number}:C${title.number}`);
  sheet.addRow(['版本', report.version === 1 ? '第1版' : `第${report.version}版（更正）`]);
  if (report.correctionNote) sheet.addRow(['更正说明', report.correctionNote]);
  sheet.addRow(['报送', report.sentTo.join('、')]);
  sheet.addRow(['生成时间', `${beijingDayOf(new Date(report.generatedAt))}（${report.generatedByName}）`]);
  sheet.addRow([]);

  const section = (text: string) => {
    const row = sheet.addRow([text]);
    row.font = { bold: true };
  };
  const money = (label: string, fen: number, count?: number) => {
    const row = sheet.addRow([label, yuan(fen), count ?? null]);
    row.getCell(2).numFmt = YUAN_FORMAT;
  };

  section('一、救助案件');
  sheet.addRow(['本月接到申请/发现', report.cases.received]);
  sheet.addRow(['本月受理', report.cases.accepted]);
  sheet.addRow(['本月发放', report.cases.paid]);
  money(`其中${RELIEF_KIND_LABELS.supplementary}（元）`, report.cases.paidFenByType.supplementary);
  money(`其中${RELIEF_KIND_LABELS.emergency}（元）`, report.cases.paidFenByType.emergency);
  sheet.addRow(['按时办结的时限', report.cases.deadlinesMet]);
  sheet.addRow(['超出的时限', report.cases.deadlinesMissed]);
  const unratified = report.cases.unratified;
  if (unratified) {
    // R-PROC-5: 先行救助 not ratified, and what the township decided about the money.
    money(`${UNRATIFIED_MONTH_LABEL}（先行发放，元）`, unratified.paidFen, unratified.count);
    money('其中乡镇追回（元）', unratified.recoveredFen, unratified.recovered);
    money('其中乡镇核销（元）', unratified.writtenOffFen, unratified.writtenOff);
    sheet.addRow(['其中待乡镇处理', unratified.pending]);
  }
  const helps = report.cases.helps;
  if (helps) {
    // Issue 13: 帮办 counted without a relief case; counts only, no names.
    sheet.addRow([]);
    section('帮办政府救助');
    sheet.addRow(['本月新办', helps.recorded]);
    for (const row of helps.byProgramme) sheet.addRow([`其中${row.label}`, row.recorded]);
    sheet.addRow(['本月获批', helps.approved]);
    sheet.addRow(['本月未获批', helps.refused]);
    sheet.addRow(['月末办理中', helps.pendingAtEnd]);
  }
  sheet.addRow([]);

  section('二、互助资金（元）');
  sheet.addRow(['项目', '金额', '笔数']).font = { italic: true };
  money('期初余额', report.ledger.openingFen);
  for (const line of report.ledger.inByChannel) money(`收入：${line.label}`, line.fen, line.count);
  money('收入合计', report.ledger.inFen);
  for (const line of report.ledger.outByRelief) money(`支出：${line.label}`, line.fen, line.count);
  money(`支出合计（${LEDGER_ENTRY_LABELS.reliefPayout}）`, report.ledger.outFen);
  money('期末余额', report.ledger.closingFen);
  sheet.addRow(['与台账核对', report.ledger.reconciled ? '一致' : '不一致，请核查']);

  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
