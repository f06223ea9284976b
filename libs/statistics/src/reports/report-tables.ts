import type { Label } from '@mla/core';
import { FORMULAS, FORMULA_CODES, FormulaCode } from '../formulas/formulas';
import { fenToWanYuan, percentOf } from '../formulas/ratio';
import type { FigureRow } from './statistics-query.service';

/** How a cell is printed: 万元 with 4 decimals, a count, or a percentage (null = 不适用). */
export type CellKind = 'WAN_YUAN' | 'COUNT' | 'PERCENT';

export interface ReportColumn {
  key: string;
  header: Label;
  kind: CellKind;
  /** The row of the report's period and, for year-to-date columns, of the year so far. */
  value: (period: FigureRow, yearToDate: FigureRow) => string | null;
}

export interface ReportRow {
  label: Label;
  /** Cell values as strings (万元 '12.3456', counts '3', percentages '95.00'); null = 不适用. */
  cells: Record<string, string | null>;
}

export interface ReportTable {
  title: Label;
  /** Which region or bank, and the period, in words. */
  subtitle: Label;
  asOf: string | null;
  columns: { key: string; header: Label; kind: CellKind }[];
  rows: ReportRow[];
  /** Every formula used, printed under the table. */
  formulas: { code: FormulaCode; name: Label; formula: Label }[];
}

const wan = (key: string, zh: string, en: string, pick: (p: FigureRow, y: FigureRow) => bigint): ReportColumn => ({
  key,
  header: { 'zh-CN': `${zh}（万元）`, en: `${en} (10k yuan)` },
  kind: 'WAN_YUAN',
  value: (p, y) => fenToWanYuan(pick(p, y)),
});
const count = (key: string, zh: string, en: string, pick: (p: FigureRow, y: FigureRow) => bigint): ReportColumn => ({
  key,
  header: { 'zh-CN': zh, en },
  kind: 'COUNT',
  value: (p, y) => pick(p, y).toString(),
});
const rate = (code: FormulaCode, fromYear = false): ReportColumn => ({
  key: code,
  header: { 'zh-CN': `${FORMULAS[code].name['zh-CN']}（%）`, en: `${FORMULAS[code].name.en} (%)` },
  kind: 'PERCENT',
  value: (p, y) => percentOf((fromYear ? y : p).rates[code]),
});

/** The statistical table a county sends up each month or year (月报/年报): lending, balances, risk, subsidy, jobs. */
export const PROGRAMME_COLUMNS: readonly ReportColumn[] = [
  count('loansMadeCount', '本期发放笔数', 'Loans made (period)', (p) => p.figures.loansMadeCount),
  wan('loansMadeFen', '本期发放金额', 'Amount lent (period)', (p) => p.figures.loansMadeFen),
  count('ytdLoansMadeCount', '本年累计发放笔数', 'Loans made (year to date)', (_p, y) => y.figures.loansMadeCount),
  wan('ytdLoansMadeFen', '本年累计发放金额', 'Amount lent (year to date)', (_p, y) => y.figures.loansMadeFen),
  count(
    'ytdFemaleLoansMadeCount',
    '其中：女性笔数（本年）',
    'Of which to women (year to date)',
    (_p, y) => y.figures.femaleLoansMadeCount,
  ),
  count('outstandingCount', '期末余额笔数', 'Loans outstanding', (p) => p.figures.outstandingCount),
  wan('outstandingFen', '期末贷款余额', 'Outstanding principal', (p) => p.figures.outstandingFen),
  wan('repaidPrincipalFen', '本期回收本金', 'Principal repaid (period)', (p) => p.figures.repaidPrincipalFen),
  wan('overduePrincipalFen', '期末逾期本金', 'Overdue principal', (p) => p.figures.overduePrincipalFen),
  wan('compensatedFen', '本期代偿', 'Compensation paid (period)', (p) => p.figures.compensatedFen),
  wan('cumCompensatedFen', '累计代偿', 'Compensation paid (cumulative)', (p) => p.figures.cumCompensatedFen),
  wan('recoveredFen', '本期追偿收回', 'Recovered (period)', (p) => p.figures.recoveredFen),
  wan('subsidyClaimedFen', '本期申报贴息', 'Subsidy claimed (period)', (p) => p.figures.subsidyClaimedFen),
  wan('subsidyPaidFen', '本期拨付贴息', 'Subsidy paid (period)', (p) => p.figures.subsidyPaidFen),
  count('jobsCreated', '本期带动就业（人）', 'Jobs created (period)', (p) => p.figures.jobsCreated),
  rate(FormulaCode.REPAYMENT_RATE_AT_MATURITY, true),
  rate(FormulaCode.COLLECTION_RATE),
  rate(FormulaCode.OVERDUE_RATE),
  rate(FormulaCode.PAR30),
  rate(FormulaCode.PAR90),
  rate(FormulaCode.COMPENSATION_RATE),
  rate(FormulaCode.RECOVERY_RATE),
];

/** The monitoring table banks keep (财金〔2018〕107号): by category, sub-flags and female. */
export const MONITORING_COLUMNS: readonly ReportColumn[] = [
  count('loansMadeCount', '发放笔数', 'Loans made', (p) => p.figures.loansMadeCount),
  wan('loansMadeFen', '发放金额', 'Amount lent', (p) => p.figures.loansMadeFen),
  count('femaleLoansMadeCount', '其中：女性笔数', 'Of which to women', (p) => p.figures.femaleLoansMadeCount),
  wan('femaleLoansMadeFen', '其中：女性金额', 'Of which to women, amount', (p) => p.figures.femaleLoansMadeFen),
  count('outstandingCount', '余额笔数', 'Loans outstanding', (p) => p.figures.outstandingCount),
  wan('outstandingFen', '贷款余额', 'Outstanding principal', (p) => p.figures.outstandingFen),
  wan('femaleOutstandingFen', '其中：女性余额', 'Of which women, outstanding', (p) => p.figures.femaleOutstandingFen),
  wan('overduePrincipalFen', '逾期本金', 'Overdue principal', (p) => p.figures.overduePrincipalFen),
  count('jobsCreated', '带动就业（人）', 'Jobs created', (p) => p.figures.jobsCreated),
  rate(FormulaCode.REPAYMENT_RATE_AT_MATURITY),
  rate(FormulaCode.PAR30),
];

/** A table from rows of the period and of the year so far (same keys), with every formula under it. */
export function buildTable(
  title: Label,
  subtitle: Label,
  asOf: string | null,
  columns: readonly ReportColumn[],
  rows: { label: Label; period: FigureRow; yearToDate: FigureRow }[],
): ReportTable {
  return {
    title,
    subtitle,
    asOf,
    columns: columns.map((c) => ({ key: c.key, header: c.header, kind: c.kind })),
    rows: rows.map((r) => ({
      label: r.label,
      cells: Object.fromEntries(columns.map((c) => [c.key, c.value(r.period, r.yearToDate)])),
    })),
    formulas: FORMULA_CODES.map((code) => ({ code, name: FORMULAS[code].name, formula: FORMULAS[code].formula })),
  };
}
