import ExcelJS from 'exceljs';
import { Money, SPREADSHEET_YUAN_FORMAT } from '@mla/core';
import type { ReconciliationReport } from './reconciliation.service';

const yuan = (fen: bigint | null) => (fen === null ? null : Money.ofFen(fen).toSpreadsheetYuan());

/** The reconciliation report as an XLSX workbook: summary by outcome, open exceptions, our records unmatched. */
export async function reconciliationWorkbook(r: ReconciliationReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'microloan-admin';
  const summary = wb.addWorksheet('Summary 汇总');
  summary.addRow([`Account 账户 ${r.accountNumber}`]).font = { bold: true, size: 13 };
  summary.addRow([`Period 期间 ${r.from} – ${r.to}`]);
  summary.addRow(['Opening balance 期初余额', yuan(r.openingBalanceFen)]);
  summary.addRow(['Closing balance 期末余额', yuan(r.closingBalanceFen)]);
  summary.addRow([]);
  summary.addRow(['Outcome 结果', 'Lines 笔数', 'Credits 贷方', 'Debits 借方']).font = { bold: true };
  for (const [outcome, t] of Object.entries(r.byOutcome)) {
    summary.addRow([outcome, t.count, yuan(t.creditsFen), yuan(t.debitsFen)]);
  }
  for (const col of [2, 3, 4]) summary.getColumn(col).numFmt = col === 2 ? '0' : SPREADSHEET_YUAN_FORMAT;
  summary.getColumn(1).width = 28;
  summary.getColumn(3).width = 18;
  summary.getColumn(4).width = 18;

  const exceptions = wb.addWorksheet('Exceptions 待处理');
  exceptions.addRow([
    'Line 行',
    'Booking date 记账日',
    'Amount 金额',
    'Outcome 结果',
    'Counterparty 对方',
    'Account 账号',
    'Reference 附言',
    'Note 说明',
  ]).font = {
    bold: true,
  };
  for (const l of r.openExceptions) {
    exceptions.addRow([
      l.lineNumber,
      l.bookingDate,
      yuan(l.amountFen),
      l.outcome,
      l.counterpartyName ?? '',
      l.counterpartyAccountMasked ?? '',
      l.reference ?? '',
      l.note ?? '',
    ]);
  }
  exceptions.getColumn(3).numFmt = SPREADSHEET_YUAN_FORMAT;

  const ours = wb.addWorksheet('In system only 仅系统有');
  ours.addRow(['Kind 类型', 'Loan 贷款', 'Date 日期', 'Amount 金额', 'Reference 流水号']).font = { bold: true };
  for (const d of r.inSystemOnly.disbursements)
    ours.addRow(['DISBURSEMENT', d.contractNumber, d.valueDate, yuan(d.amountFen), d.reference ?? '']);
  for (const p of r.inSystemOnly.repayments)
    ours.addRow(['REPAYMENT', p.loanId, p.valueDate, yuan(p.amountFen), p.reference]);
  ours.getColumn(4).numFmt = SPREADSHEET_YUAN_FORMAT;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
