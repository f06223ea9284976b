import ExcelJS from 'exceljs';
import { Money, SPREADSHEET_YUAN_FORMAT } from '@mla/core';
import type { SubsidyCheck, SubsidyCheckReason, SubsidyLine } from '../calculation/subsidy-line';
import { SUBSIDY_CHECK_LABELS, SUBSIDY_CHECK_REASON_LABELS } from '../messages';
import { CLAIM_BATCH_STATUS_LABELS, CLAIM_LINE_ELIGIBILITY_LABELS, CLAIM_LINE_STATUS_LABELS } from './claim-status';
import type { SubsidyClaimBatch } from './subsidy-claim-batch.entity';
import type { SubsidyClaimLine } from './subsidy-claim-line.entity';

const yuan = (fen: bigint | string | null | undefined) =>
  fen === null || fen === undefined ? null : Money.ofFen(BigInt(fen)).toSpreadsheetYuan();

/** A stored line's calculation as it was written (bigint figures as strings of fen). */
type StoredLine = { [K in keyof SubsidyLine]: SubsidyLine[K] extends bigint ? string : SubsidyLine[K] };

export interface ClaimListRow {
  line: SubsidyClaimLine;
  maskedBorrowerName: string;
}

/**
 * The claim list for the finance bureau (贴息申报明细表): the batch's totals, then one row per line with every input of
 * its calculation, Chinese headers, amounts in yuan. Names are masked: the list travels between offices.
 */
export async function claimListWorkbook(batch: SubsidyClaimBatch, rows: ClaimListRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'microloan-admin';
  const summary = wb.addWorksheet('申报汇总');
  summary.addRow(['创业担保贷款财政贴息申报汇总表']).font = { bold: true, size: 13 };
  const facts: [string, string | number | null][] = [
    ['所属区划', batch.regionCode],
    ['贴息期间', `${batch.periodStart} 至 ${batch.periodEnd}`],
    ['结息日', batch.settlementDate],
    ['批次序号', batch.sequence],
    ['状态', CLAIM_BATCH_STATUS_LABELS[batch.status]['zh-CN']],
    ['申报笔数', batch.lineCount],
    ['本期发放笔数', batch.loansLentInPeriod],
    ['本期发放金额（元）', yuan(batch.lentInPeriodFen)],
    ['期初贷款余额（元）', yuan(batch.openingBalanceFen)],
    ['期末贷款余额（元）', yuan(batch.closingBalanceFen)],
    ['申请贴息金额（元）', yuan(batch.requestedFen)],
    ['审核通过金额（元）', yuan(batch.approvedFen)],
    ['已拨付金额（元）', yuan(batch.paidFen)],
    ['申报截止日', batch.claimDueOn],
  ];
  for (const [label, value] of facts) summary.addRow([label, value]);
  summary.getColumn(1).width = 22;
  summary.getColumn(2).width = 26;
  for (let r = 1; r <= summary.rowCount; r++) {
    const cell = summary.getRow(r).getCell(2);
    if (typeof cell.value === 'number' && String(summary.getRow(r).getCell(1).value).includes('元')) {
      cell.numFmt = SPREADSHEET_YUAN_FORMAT;
    }
  }

  const sheet = wb.addWorksheet('申报明细');
  const columns: { header: string; yuan?: boolean; value: (r: ClaimListRow, c: StoredLine) => unknown }[] = [
    { header: '合同编号', value: (r) => r.line.contractNumber },
    { header: '借款人', value: (r) => r.maskedBorrowerName },
    { header: '贷款金额（元）', yuan: true, value: (r) => yuan(r.line.principalFen) },
    { header: '放款日', value: (_r, c) => c.valueDate },
    { header: '签约日', value: (_r, c) => c.signingDate },
    { header: '贴息起日', value: (r) => r.line.periodStart },
    { header: '贴息止日', value: (r) => r.line.periodEnd },
    { header: '计息天数', value: (_r, c) => c.periodDays },
    { header: '贴息天数', value: (_r, c) => c.subsidisedDays },
    { header: '计息基础', value: (_r, c) => `${c.dayCount} / ${c.yearBasisDays}` },
    { header: '合同利率（%）', value: (_r, c) => c.contractRatePercent },
    { header: 'LPR（%）', value: (_r, c) => c.lprPercent },
    { header: 'LPR日期', value: (_r, c) => c.lprEffectiveDate },
    { header: '利率上限（%）', value: (_r, c) => c.rateCapPercent ?? '' },
    { header: '贴息利率（%）', value: (_r, c) => c.subsidyRatePercent },
    { header: '借款人承担利率（%）', value: (_r, c) => c.borrowerRatePercent },
    { header: '贴息方式', value: (_r, c) => c.formula },
    { header: '政策版本', value: (_r, c) => c.policyVersion ?? '' },
    { header: '应收利息（元）', yuan: true, value: (_r, c) => yuan(c.interestDueFen) },
    { header: '实收利息（元）', yuan: true, value: (_r, c) => yuan(c.interestCollectedFen) },
    { header: '按期实收利息（元）', yuan: true, value: (_r, c) => yuan(c.interestCollectedOnTimeFen) },
    { header: '罚息（元，不贴息）', yuan: true, value: (_r, c) => yuan(c.penaltyCollectedFen) },
    { header: '贴息金额（元）', yuan: true, value: (r) => yuan(r.line.subsidyFen) },
    { header: '中央（元）', yuan: true, value: (r) => yuan(r.line.centralFen) },
    { header: '省级（元）', yuan: true, value: (r) => yuan(r.line.provincialFen) },
    { header: '市级（元）', yuan: true, value: (r) => yuan(r.line.cityFen) },
    { header: '县级（元）', yuan: true, value: (r) => yuan(r.line.countyFen) },
    { header: '借款人承担（元）', yuan: true, value: (_r, c) => yuan(c.borrowerBearsFen) },
    { header: '停止贴息日（就业或停业）', value: (_r, c) => c.businessStoppedOn ?? '' },
    { header: '担保基金杠杆内比例', value: (_r, c) => c.leverageFraction },
    { header: '贴息结果', value: (r) => CLAIM_LINE_ELIGIBILITY_LABELS[r.line.eligibility]['zh-CN'] },
    {
      header: '核查情况',
      value: (_r, c) =>
        c.checks
          .filter((k) => !k.passed || k.reason)
          .map((k) => {
            const check = SUBSIDY_CHECK_LABELS[k.check as SubsidyCheck]?.['zh-CN'] ?? k.check;
            const reason = k.reason ? SUBSIDY_CHECK_REASON_LABELS[k.reason as SubsidyCheckReason]?.['zh-CN'] : null;
            return reason ? `${check}：${reason}` : check;
          })
          .join('; '),
    },
    { header: '初审意见', value: (r) => [r.line.initialFinding ?? '', r.line.initialNote ?? ''].join(' ').trim() },
    { header: '审核状态', value: (r) => CLAIM_LINE_STATUS_LABELS[r.line.status]['zh-CN'] },
    { header: '审核意见', value: (r) => r.line.financeReason ?? '' },
  ];
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of rows) {
    const calculation = row.line.calculation as StoredLine;
    sheet.addRow(columns.map((c) => c.value(row, calculation) as ExcelJS.CellValue));
  }
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, c.header.length * 2 + 2);
    if (c.yuan) column.numFmt = SPREADSHEET_YUAN_FORMAT;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface PublicNoticeRow {
  regionCode: string;
  maskedName: string;
  maskedIdNumber: string;
  principalFen: bigint;
  periodStart: string;
  periodEnd: string;
  subsidyFen: bigint;
}

/**
 * The public notice 公示 of a payout: village, masked name (王*英) and ID ('1502**********002X'), loan amount, the
 * subsidy period and amount. Never a full ID, a phone or an account.
 */
export async function publicNoticeWorkbook(batch: SubsidyClaimBatch, rows: PublicNoticeRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'microloan-admin';
  const sheet = wb.addWorksheet('贴息公示');
  sheet.addRow([`创业担保贷款财政贴息公示名单（${batch.periodStart} 至 ${batch.periodEnd}）`]).font = {
    bold: true,
    size: 13,
  };
  sheet.addRow([
    '序号',
    '村（社区）区划代码',
    '借款人',
    '身份证号',
    '贷款金额（元）',
    '贴息期间',
    '贴息金额（元）',
  ]).font = { bold: true };
  rows.forEach((r, i) =>
    sheet.addRow([
      i + 1,
      r.regionCode,
      r.maskedName,
      r.maskedIdNumber,
      yuan(r.principalFen),
      `${r.periodStart} 至 ${r.periodEnd}`,
      yuan(r.subsidyFen),
    ]),
  );
  for (const col of [5, 7]) sheet.getColumn(col).numFmt = SPREADSHEET_YUAN_FORMAT;
  for (const [col, width] of [
    [2, 20],
    [4, 22],
    [6, 26],
  ] as const)
    sheet.getColumn(col).width = width;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
