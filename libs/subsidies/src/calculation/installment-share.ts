import { LocalDate } from '@mla/core';
import { Ratio } from './ratio';
import type { SubsidyInstallmentFacts } from './subsidy-facts';

export interface InstallmentShare {
  facts: SubsidyInstallmentFacts;
  /** Days the installment's (possibly payoff-reduced) interest is spread over. */
  denominatorDays: number;
  /** Fraction of its interest received on time (≤ 1), and received at all by asOf (≤ 1). */
  onTime: Ratio;
  collected: Ratio;
  onTimeFen: bigint;
  collectedFen: bigint;
  notYetDue: boolean;
}

/** How much of an installment's interest was received on time (by due date + grace) and at all, by asOf. */
export function shareOf(
  facts: SubsidyInstallmentFacts,
  denominatorDays: number,
  graceDays: number,
  asOf: LocalDate,
): InstallmentShare {
  const deadline = LocalDate.parse(facts.dueDate).plusDays(graceDays);
  const known = facts.interestCollections.filter((c) => !LocalDate.parse(c.valueDate).isAfter(asOf));
  const collectedFen = known.reduce((sum, c) => sum + c.fen, 0n);
  const onTimeFen = known
    .filter((c) => !LocalDate.parse(c.valueDate).isAfter(deadline))
    .reduce((sum, c) => sum + c.fen, 0n);
  const due = facts.interestDueFen;
  // An installment that owes no interest is paid (and its zero interest earns nothing either way).
  const fraction = (fen: bigint) => (due <= 0n ? Ratio.ONE : Ratio.of(fen < due ? fen : due, due));
  return {
    facts,
    denominatorDays,
    onTime: fraction(onTimeFen),
    collected: fraction(collectedFen),
    onTimeFen,
    collectedFen,
    notYetDue: deadline.isAfter(asOf),
  };
}
