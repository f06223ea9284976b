import { LocalDate } from '@mla/core';
import { PenaltyBasis } from '@mla/loan-policies';

/**
 * A loan's penalty terms as exact integers, so that TypeScript and SQL compute the very same fen:
 * penalty = round_half_up(fenDays × rate × (1 + uplift) / dayBasis), where fenDays is the sum over days overdue of
 * the overdue basis (fen). The sum is additive over any split of the days, so when it is brought up to date
 * (a posting, a nightly close, a read) never changes the result.
 */
export interface PenaltyTerms {
  /** Annual contract rate × 10⁶ (the column is numeric(9,6)). */
  rateMicros: bigint;
  /** (1 + uplift) × 10⁴ (the uplift column is numeric(6,4)). */
  factor: bigint;
  dayBasis: 360n | 365n;
  /** Unpaid this many days after the due date, an installment is overdue and its penalty is charged from the due date. */
  graceDays: number;
  basis: PenaltyBasis;
}

export interface PenaltyTermsSource {
  annualRate: string;
  penaltyUplift: string;
  graceDays: number;
  conventions: object;
  penaltyBasis: string;
}

/** Parses a non-negative decimal string into an integer scaled by 10^digits (exactly, refusing extra digits). */
export function scaledInteger(value: string, digits: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`not a decimal: ${value}`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) throw new Error(`more than ${digits} decimals: ${value}`);
  return BigInt(match[1]) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}

export function penaltyTermsOf(loan: PenaltyTermsSource): PenaltyTerms {
  return {
    rateMicros: scaledInteger(loan.annualRate, 6),
    factor: 10_000n + scaledInteger(loan.penaltyUplift, 4),
    dayBasis: (loan.conventions as { dayCount?: string }).dayCount === 'ACT_365' ? 365n : 360n,
    graceDays: loan.graceDays,
    basis:
      loan.penaltyBasis === PenaltyBasis.PRINCIPAL_AND_INTEREST
        ? PenaltyBasis.PRINCIPAL_AND_INTEREST
        : PenaltyBasis.PRINCIPAL,
  };
}

const SCALE = 10_000_000_000n; // 10⁶ (rate) × 10⁴ (factor)

/** The penalty (fen) for an accumulated overdue basis, rounded once, half away from zero. */
export function penaltyOfFenDays(fenDays: bigint, terms: PenaltyTerms): bigint {
  if (fenDays <= 0n) return 0n;
  const numerator = fenDays * terms.rateMicros * terms.factor;
  const denominator = terms.dayBasis * SCALE;
  return (2n * numerator + denominator) / (2n * denominator);
}

/** The same formula in SQL over `fenDaysSql`, for the loan aliased `l` (numeric, exact; integer division rounds). */
export function penaltyOfFenDaysSql(fenDaysSql: string): string {
  const rate = `(l.annual_rate * 1000000)`;
  const factor = `(10000 + l.penalty_uplift * 10000)`;
  const basis = `(CASE l.conventions->>'dayCount' WHEN 'ACT_365' THEN 365 ELSE 360 END * 10000000000::numeric)`;
  return `div(2 * (${fenDaysSql})::numeric * ${rate} * ${factor} + ${basis}, 2 * ${basis})::bigint`;
}

/** The overdue basis of an installment (fen) under the loan's terms. */
export function penaltyBasisFen(
  row: { principalDue: bigint; principalPaid: bigint; interestDue: bigint; interestPaid: bigint },
  terms: PenaltyTerms,
): bigint {
  const principal = row.principalDue - row.principalPaid;
  return terms.basis === PenaltyBasis.PRINCIPAL_AND_INTEREST
    ? principal + (row.interestDue - row.interestPaid)
    : principal;
}

/** The overdue basis in SQL, for installments `i` of loans `l`. */
export function penaltyBasisSql(): string {
  return `CASE WHEN l.penalty_basis = '${PenaltyBasis.PRINCIPAL_AND_INTEREST}'
               THEN (i.principal_due_fen - i.principal_paid_fen) + (i.interest_due_fen - i.interest_paid_fen)
               ELSE i.principal_due_fen - i.principal_paid_fen END`;
}

/** The last day of grace: unpaid after it, the installment is overdue. */
export function graceEnd(dueDate: string, graceDays: number): string {
  return graceDays === 0 ? dueDate : LocalDate.parse(dueDate).plusDays(graceDays).toString();
}

export function daysBetween(from: string, to: string): number {
  return LocalDate.parse(from).daysUntil(LocalDate.parse(to));
}
