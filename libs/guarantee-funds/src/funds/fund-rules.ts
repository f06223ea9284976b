import { Decimal, Money } from '@mla/core';
import type { MaturityRepayment } from '@mla/loans';
import type { GuaranteeFund } from './guarantee-fund.entity';

export interface LeverageInForce {
  /** The multiple applied, e.g. '5.00'. */
  leverage: string;
  raised: boolean;
  /** The year whose repayment rate decided it. */
  assessedYear: number;
  /** Repaid by due date ÷ fell due, 4 decimals (rounded down); null when nothing fell due. */
  repaymentRate: string | null;
  dueFen: string;
  paidByDueDateFen: string;
  /** When and by whom the year's inputs were taken (see LeverageAssessment). */
  assessedAt?: string;
  assessedBy?: string;
}

type LeverageRules = Pick<GuaranteeFund, 'baseLeverage' | 'raisedLeverage' | 'raiseThresholdRate'>;

/** A ratio to 4 decimals, rounded down so that a threshold is never reached by rounding. */
export function ratio(numerator: bigint, denominator: bigint): string | null {
  if (denominator <= 0n) return null;
  return Decimal.of(numerator).div(Decimal.of(denominator), 4, 'DOWN').toFixed(4);
}

/** A ratio as a percentage with 2 decimals (half-up), for figures shown to people. */
export function percent(numerator: bigint, denominator: bigint): string | null {
  if (denominator <= 0n) return null;
  return Decimal.of(numerator).mul(100).div(Decimal.of(denominator), 2, 'HALF_UP').toFixed(2);
}

/**
 * The leverage of a year: the raised multiple when the previous year's repayment rate at maturity reached the
 * fund's threshold, else the baseline. A year in which nothing fell due keeps the baseline.
 */
export function leverageInForce(fund: LeverageRules, year: number, lastYear: MaturityRepayment): LeverageInForce {
  const rate = ratio(lastYear.paidByDueDateFen, lastYear.dueFen);
  const raised = fund.raisedLeverage !== null && rate !== null && Decimal.of(rate).gte(fund.raiseThresholdRate);
  return {
    leverage: Decimal.of(raised ? (fund.raisedLeverage as string) : fund.baseLeverage).toFixed(2),
    raised,
    assessedYear: year - 1,
    repaymentRate: rate,
    dueFen: lastYear.dueFen.toString(),
    paidByDueDateFen: lastYear.paidByDueDateFen.toString(),
  };
}

export interface Capacity {
  /** leverage × deposit balance, rounded down to the fen; nothing when the deposit is not positive. */
  capacityFen: bigint;
  /** What may still be guaranteed (never negative). */
  availableFen: bigint;
}

export function capacityOf(depositFen: bigint, liabilityFen: bigint, leverage: string): Capacity {
  const capacityFen = depositFen > 0n ? Money.ofFen(depositFen).multiplyBy(leverage, 'DOWN').fen : 0n;
  const left = capacityFen - liabilityFen;
  return { capacityFen, availableFen: left > 0n ? left : 0n };
}

/** The fund's share of an amount, half-up to the fen. */
export function fundShareOf(amountFen: bigint, share: string): bigint {
  return Money.ofFen(amountFen).multiplyBy(share, 'HALF_UP').fen;
}

/** Ledger and guarantee totals of a fund on a date, all derived from entries and guarantees. */
export interface FundTotals {
  depositFen: bigint;
  liabilityFen: bigint;
  contributionsFen: bigint;
  interestIncomeFen: bigint;
  /** Paid out, as a positive amount (net of reversals). */
  compensationPaidFen: bigint;
  recoveriesFen: bigint;
  adjustmentsFen: bigint;
  guaranteesIssuedFen: bigint;
  guaranteesIssuedCount: number;
  guaranteesActiveCount: number;
}

export type FundAlert = 'LEVERAGE_HIGH' | 'COMPENSATION_RATE_HIGH' | 'OVER_CAPACITY';

export interface FundFigures {
  leverage: LeverageInForce;
  capacityFen: bigint;
  availableFen: bigint;
  /** Liability ÷ capacity, percent. */
  leverageUsedPercent: string | null;
  /** Compensation paid ÷ guarantees issued, percent. */
  compensationRateOfIssuedPercent: string | null;
  /** Compensation paid ÷ liability outstanding, percent. */
  compensationRateOfOutstandingPercent: string | null;
  /** Recoveries ÷ compensation paid, percent. */
  recoveryRatePercent: string | null;
  alertState: 'NORMAL' | 'ALERT';
  alerts: FundAlert[];
}

type AlertRules = Pick<GuaranteeFund, 'leverageAlertRate' | 'compensationAlertRate'>;

/** The figures people watch, and the alert state from the fund's thresholds. */
export function fundFigures(fund: AlertRules, totals: FundTotals, leverage: LeverageInForce): FundFigures {
  const { capacityFen, availableFen } = capacityOf(totals.depositFen, totals.liabilityFen, leverage.leverage);
  const used = ratio(totals.liabilityFen, capacityFen);
  const compensationOfIssued = ratio(totals.compensationPaidFen, totals.guaranteesIssuedFen);
  const alerts: FundAlert[] = [];
  if (totals.liabilityFen > capacityFen) alerts.push('OVER_CAPACITY');
  if ((used !== null && Decimal.of(used).gte(fund.leverageAlertRate)) || (used === null && totals.liabilityFen > 0n))
    alerts.push('LEVERAGE_HIGH');
  if (compensationOfIssued !== null && Decimal.of(compensationOfIssued).gte(fund.compensationAlertRate))
    alerts.push('COMPENSATION_RATE_HIGH');
  return {
    leverage,
    capacityFen,
    availableFen,
    leverageUsedPercent: percent(totals.liabilityFen, capacityFen),
    compensationRateOfIssuedPercent: percent(totals.compensationPaidFen, totals.guaranteesIssuedFen),
    compensationRateOfOutstandingPercent: percent(totals.compensationPaidFen, totals.liabilityFen),
    recoveryRatePercent: percent(totals.recoveriesFen, totals.compensationPaidFen),
    alertState: alerts.length > 0 ? 'ALERT' : 'NORMAL',
    alerts,
  };
}
