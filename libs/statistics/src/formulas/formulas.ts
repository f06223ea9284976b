import type { Label } from '@mla/core';
import type { Figures } from '../snapshots/figures';
import { rateOf, type Rate } from './ratio';

/** The named rates. No national definition exists; each region chooses the ones it reports and targets. */
export enum FormulaCode {
  /** 到期还款率. */
  REPAYMENT_RATE_AT_MATURITY = 'REPAYMENT_RATE_AT_MATURITY',
  /** 回收率. */
  COLLECTION_RATE = 'COLLECTION_RATE',
  /** 逾期率. */
  OVERDUE_RATE = 'OVERDUE_RATE',
  PAR30 = 'PAR30',
  PAR90 = 'PAR90',
  /** 代偿率. */
  COMPENSATION_RATE = 'COMPENSATION_RATE',
  /** 追偿率 (回收代偿率). */
  RECOVERY_RATE = 'RECOVERY_RATE',
}

export const FORMULA_CODES: readonly FormulaCode[] = Object.values(FormulaCode);

/** A formula's documented definition, served by the API and printed under every report. */
export interface FormulaDefinition {
  code: FormulaCode;
  name: Label;
  /** The formula in words. */
  formula: Label;
  numerator: Label;
  denominator: Label;
  /** Over a period (flows summed over its days) or at its end (a position). */
  basis: 'PERIOD' | 'END_OF_PERIOD';
  compute(figures: Figures): Rate;
}

const NOTE_NA = { 'zh-CN': '分母为零时为“不适用”', en: 'not applicable when the denominator is zero' };

export const FORMULAS: Readonly<Record<FormulaCode, FormulaDefinition>> = {
  [FormulaCode.REPAYMENT_RATE_AT_MATURITY]: {
    code: FormulaCode.REPAYMENT_RATE_AT_MATURITY,
    name: { 'zh-CN': '到期还款率', en: 'Repayment rate at maturity' },
    formula: {
      'zh-CN': `到期还款率 = 期内到期本息中于到期日（含）前归还的金额 ÷ 期内到期本息金额 × 100%（${NOTE_NA['zh-CN']}）`,
      en: `Repayment rate at maturity = principal and interest falling due in the period that was repaid by its due date ÷ principal and interest falling due in the period × 100% (${NOTE_NA.en})`,
    },
    numerator: {
      'zh-CN': '期内到期本息中按期（到期日前）归还的金额',
      en: 'amount due in the period repaid by the due date',
    },
    denominator: { 'zh-CN': '期内到期本息金额', en: 'principal and interest falling due in the period' },
    basis: 'PERIOD',
    compute: (f) => rateOf(f.dueRepaidOnTimeFen, f.dueFen),
  },
  [FormulaCode.COLLECTION_RATE]: {
    code: FormulaCode.COLLECTION_RATE,
    name: { 'zh-CN': '回收率', en: 'Collection rate' },
    formula: {
      'zh-CN': `回收率 = 截至期末累计已收回的到期本息 ÷ 截至期末累计到期本息 × 100%（${NOTE_NA['zh-CN']}）`,
      en: `Collection rate = cumulative principal and interest collected on amounts fallen due ÷ cumulative principal and interest fallen due, at the end of the period × 100% (${NOTE_NA.en})`,
    },
    numerator: { 'zh-CN': '累计已收回的到期本息', en: 'cumulative collected of amounts fallen due' },
    denominator: { 'zh-CN': '累计到期本息', en: 'cumulative principal and interest fallen due' },
    basis: 'END_OF_PERIOD',
    compute: (f) => rateOf(f.cumCollectedFen, f.cumDueFen),
  },
  [FormulaCode.OVERDUE_RATE]: {
    code: FormulaCode.OVERDUE_RATE,
    name: { 'zh-CN': '逾期率', en: 'Overdue rate' },
    formula: {
      'zh-CN': `逾期率 = 期末逾期本金（已过宽限期未还） ÷ 期末贷款余额 × 100%（${NOTE_NA['zh-CN']}）`,
      en: `Overdue rate = overdue principal (unpaid past grace) ÷ outstanding principal, at the end of the period × 100% (${NOTE_NA.en})`,
    },
    numerator: { 'zh-CN': '期末逾期本金', en: 'overdue principal at the end of the period' },
    denominator: { 'zh-CN': '期末贷款余额', en: 'outstanding principal at the end of the period' },
    basis: 'END_OF_PERIOD',
    compute: (f) => rateOf(f.overduePrincipalFen, f.outstandingFen),
  },
  [FormulaCode.PAR30]: {
    code: FormulaCode.PAR30,
    name: { 'zh-CN': '风险贷款率（逾期30天以上，PAR30）', en: 'Portfolio at risk over 30 days (PAR30)' },
    formula: {
      'zh-CN': `PAR30 = 逾期超过30天的贷款的未还本金 ÷ 期末贷款余额 × 100%（${NOTE_NA['zh-CN']}）`,
      en: `PAR30 = outstanding principal of loans more than 30 days late ÷ total outstanding principal × 100% (${NOTE_NA.en})`,
    },
    numerator: { 'zh-CN': '逾期超过30天贷款的未还本金', en: 'outstanding principal of loans over 30 days late' },
    denominator: { 'zh-CN': '期末贷款余额', en: 'total outstanding principal' },
    basis: 'END_OF_PERIOD',
    compute: (f) => rateOf(f.par30Fen, f.outstandingFen),
  },
  [FormulaCode.PAR90]: {
    code: FormulaCode.PAR90,
    name: { 'zh-CN': '风险贷款率（逾期90天以上，PAR90）', en: 'Portfolio at risk over 90 days (PAR90)' },
    formula: {
      'zh-CN': `PAR90 = 逾期超过90天的贷款的未还本金 ÷ 期末贷款余额 × 100%（${NOTE_NA['zh-CN']}）`,
      en: `PAR90 = outstanding principal of loans more than 90 days late ÷ total outstanding principal × 100% (${NOTE_NA.en})`,
    },
    numerator: { 'zh-CN': '逾期超过90天贷款的未还本金', en: 'outstanding principal of loans over 90 days late' },
    denominator: { 'zh-CN': '期末贷款余额', en: 'total outstanding principal' },
    basis: 'END_OF_PERIOD',
    compute: (f) => rateOf(f.par90Fen, f.outstandingFen),
  },
  [FormulaCode.COMPENSATION_RATE]: {
    code: FormulaCode.COMPENSATION_RATE,
    name: { 'zh-CN': '代偿率', en: 'Compensation rate' },
    formula: {
      'zh-CN': `代偿率 = 累计代偿金额 ÷ 累计发放贷款金额 × 100%（${NOTE_NA['zh-CN']}）`,
      en: `Compensation rate = cumulative compensation paid by the fund ÷ cumulative principal lent × 100% (${NOTE_NA.en})`,
    },
    numerator: { 'zh-CN': '累计代偿金额', en: 'cumulative compensation paid' },
    denominator: { 'zh-CN': '累计发放贷款金额', en: 'cumulative principal lent' },
    basis: 'END_OF_PERIOD',
    compute: (f) => rateOf(f.cumCompensatedFen, f.cumLoansMadeFen),
  },
  [FormulaCode.RECOVERY_RATE]: {
    code: FormulaCode.RECOVERY_RATE,
    name: { 'zh-CN': '追偿率', en: 'Recovery rate' },
    formula: {
      'zh-CN': `追偿率 = 累计追偿收回金额 ÷ 累计代偿金额 × 100%（${NOTE_NA['zh-CN']}）`,
      en: `Recovery rate = cumulative recovery received ÷ cumulative compensation paid × 100% (${NOTE_NA.en})`,
    },
    numerator: { 'zh-CN': '累计追偿收回金额', en: 'cumulative recovery received' },
    denominator: { 'zh-CN': '累计代偿金额', en: 'cumulative compensation paid' },
    basis: 'END_OF_PERIOD',
    compute: (f) => rateOf(f.cumRecoveredFen, f.cumCompensatedFen),
  },
};

/** Every rate of a period's figures. */
export function ratesOf(figures: Figures): Record<FormulaCode, Rate> {
  return Object.fromEntries(FORMULA_CODES.map((c) => [c, FORMULAS[c].compute(figures)])) as Record<FormulaCode, Rate>;
}

export const FORMULA_LABELS: Readonly<Record<FormulaCode, Label>> = Object.fromEntries(
  FORMULA_CODES.map((c) => [c, FORMULAS[c].name]),
) as Record<FormulaCode, Label>;
