import { LocalDate } from '@mla/core';
import type { Installment } from './installment.entity';
import { InstallmentStatus } from './loan-status';

export interface LoanSummary {
  principalOutstandingFen: bigint;
  principalPaidFen: bigint;
  interestPaidFen: bigint;
  /** Principal, interest and penalty owed on installments already due. */
  overdueFen: bigint;
  penaltyOutstandingFen: bigint;
  /** Days since the oldest unpaid overdue installment fell due; 0 when nothing is overdue. */
  daysPastDue: number;
  nextDueDate: string | null;
  /** What is still owed on the next installment not yet due. */
  nextDueFen: bigint | null;
}

const owed = (i: Installment) =>
  i.principalDueFen -
  i.principalPaidFen +
  (i.interestDueFen - i.interestPaidFen) +
  (i.penaltyAccruedFen - i.penaltyPaidFen);

/** Figures of a loan on a business date, derived from its installments (nothing stored twice). */
export function summarizeLoan(installments: readonly Installment[], asOf: LocalDate): LoanSummary {
  const today = asOf.toString();
  const sum = (f: (i: Installment) => bigint) => installments.reduce((s, i) => s + f(i), 0n);
  const overdue = installments.filter((i) => i.status === InstallmentStatus.OVERDUE && owed(i) > 0n);
  const oldest = overdue.reduce<string | null>((min, i) => (min === null || i.dueDate < min ? i.dueDate : min), null);
  const next =
    installments.find(
      (i) => i.status !== InstallmentStatus.PAID && i.status !== InstallmentStatus.SUPERSEDED && i.dueDate >= today,
    ) ?? null;
  return {
    principalOutstandingFen: sum((i) => i.principalDueFen - i.principalPaidFen),
    principalPaidFen: sum((i) => i.principalPaidFen),
    interestPaidFen: sum((i) => i.interestPaidFen),
    overdueFen: overdue.reduce((s, i) => s + owed(i), 0n),
    penaltyOutstandingFen: sum((i) => i.penaltyAccruedFen - i.penaltyPaidFen),
    daysPastDue: oldest === null ? 0 : Math.max(0, LocalDate.parse(oldest).daysUntil(asOf)),
    nextDueDate: next?.dueDate ?? null,
    nextDueFen: next ? owed(next) : null,
  };
}
