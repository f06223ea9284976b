import ExcelJS from 'exceljs';
import { Money, SPREADSHEET_YUAN_FORMAT } from '@mla/core';
import type { FundStatement } from './fund-statement.service';

const yuan = (fen: bigint) => Money.ofFen(fen).toSpreadsheetYuan();

/** The statement as an XLSX workbook: a header, opening balances, one row per entry with running balances, closing. */
export async function statementWorkbook(s: FundStatement): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'microloan-admin';
  const ws = wb.addWorksheet('Statement 对账单');
  ws.addRow([`${s.fund.name} (${s.fund.code})`]).font = { bold: true, size: 13 };
  ws.addRow([`Statement 对账单 ${s.from} – ${s.to}`]);
  ws.addRow([`Deposit account 存款账户: ${s.fund.depositBankName} ${s.fund.depositAccountNumber}`]);
  ws.addRow([]);
  const header = ws.addRow([
    'Entry 序号',
    'Value date 记账日',
    'Account 科目',
    'Kind 类型',
    'Amount 金额 (yuan)',
    'Deposit balance 存款余额',
    'Liability balance 担保余额',
    'Reference 凭证',
    'Reverses 冲销',
    'Memo 摘要',
    'Booked by 经办',
  ]);
  header.font = { bold: true };
  const opening = ws.addRow([
    '',
    s.from,
    '',
    'Opening 期初',
    null,
    yuan(s.opening.depositFen),
    yuan(s.opening.liabilityFen),
  ]);
  opening.font = { italic: true };
  let deposit = s.opening.depositFen;
  let liability = s.opening.liabilityFen;
  for (const e of s.entries) {
    if (e.account === 'DEPOSIT') deposit += e.amountFen;
    else liability += e.amountFen;
    ws.addRow([
      Number(e.id),
      e.valueDate,
      e.account,
      e.kind,
      yuan(e.amountFen),
      yuan(deposit),
      yuan(liability),
      e.documentReference ?? '',
      e.reversesEntryId ? Number(e.reversesEntryId) : '',
      e.memo ?? '',
      e.bookedByUsername,
    ]);
  }
  const closing = ws.addRow([
    '',
    s.to,
    '',
    'Closing 期末',
    null,
    yuan(s.closing.depositFen),
    yuan(s.closing.liabilityFen),
  ]);
  closing.font = { bold: true };
  for (const col of [5, 6, 7]) ws.getColumn(col).numFmt = SPREADSHEET_YUAN_FORMAT;
  ws.columns.forEach((c, i) => (c.width = [10, 14, 12, 20, 18, 20, 20, 24, 10, 36, 14][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
