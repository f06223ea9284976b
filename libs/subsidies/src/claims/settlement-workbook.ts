import ExcelJS from 'exceljs';
import { Money, SPREADSHEET_YUAN_FORMAT } from '@mla/core';
import { FUNDING_LEVELS, FUNDING_LEVEL_LABELS } from '../budget/funding-level';
import type { LevelSettlement, SubsidySettlement } from './subsidy-settlement.service';

const yuan = (fen: bigint) => Money.ofFen(fen).toSpreadsheetYuan();

/** A sheet with a bold header row and yuan columns formatted with two decimals. */
function table(wb: ExcelJS.Workbook, name: string, headers: string[], rows: (string | number)[][]): void {
  const sheet = wb.addWorksheet(name);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  headers.forEach((header, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, header.length * 2 + 2);
    if (header.includes('元')) column.numFmt = SPREADSHEET_YUAN_FORMAT;
  });
}

const LEVEL_COLUMNS: [string, (l: Omit<LevelSettlement, 'fundingLevel'>) => bigint][] = [
  ['年度预算（元）', (l) => l.allocatedFen],
  ['追加预算（元）', (l) => l.toppedUpFen],
  ['预算合计（元）', (l) => l.allottedFen],
  ['审核占用（元）', (l) => l.committedFen],
  ['释放占用（元）', (l) => l.releasedFen],
  ['撤销拨付（元）', (l) => l.cancelledPayoutFen],
  ['已拨付（元）', (l) => l.paidFen],
  ['已审核未拨付（元）', (l) => l.outstandingFen],
  ['预算结余（元）', (l) => l.availableFen],
];

/**
 * The yearly settlement 贴息资金清算表: per funding level (and in all) the allotment, commitments, releases,
 * cancelled payouts, payouts and what is left; then what was paid per settlement period and per bank, each level
 * in its own column. Chinese headers, yuan with two decimals.
 */
export async function settlementWorkbook(s: SubsidySettlement): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'microloan-admin';
  const levelName = (level: (typeof FUNDING_LEVELS)[number]) => FUNDING_LEVEL_LABELS[level]['zh-CN'];
  table(
    wb,
    '清算汇总',
    ['区划', '年度', '资金来源', ...LEVEL_COLUMNS.map(([h]) => h)],
    [
      ...s.levels.map((l) => [
        s.regionCode,
        s.fiscalYear,
        levelName(l.fundingLevel),
        ...LEVEL_COLUMNS.map(([, f]) => yuan(f(l))),
      ]),
      [s.regionCode, s.fiscalYear, '合计', ...LEVEL_COLUMNS.map(([, f]) => yuan(f(s.totals)))],
    ],
  );
  const levelHeaders = FUNDING_LEVELS.map((l) => `${levelName(l)}（元）`);
  table(
    wb,
    '分期拨付',
    ['结息日', '拨付合计（元）', ...levelHeaders],
    s.byPeriod.map((p) => [p.settlementDate, yuan(p.paidFen), ...FUNDING_LEVELS.map((l) => yuan(p.byLevel[l]))]),
  );
  table(
    wb,
    '分银行拨付',
    ['银行', '拨付合计（元）', ...levelHeaders],
    s.byBank.map((b) => [b.bankName, yuan(b.paidFen), ...FUNDING_LEVELS.map((l) => yuan(b.byLevel[l]))]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
