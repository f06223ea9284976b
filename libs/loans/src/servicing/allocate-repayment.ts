/** What is still owed on one installment, by component (fen). */
export interface OpenInstallment {
  id: string;
  number: number;
  penaltyOwed: bigint;
  interestOwed: bigint;
  principalOwed: bigint;
}

export type Component = 'penalty' | 'interest' | 'principal';

/** Default order: penalty → interest → principal, oldest installment first (configurable per loan). */
export const DEFAULT_ALLOCATION_ORDER: readonly Component[] = ['penalty', 'interest', 'principal'];

export interface AllocationLine {
  installmentId: string;
  number: number;
  penalty: bigint;
  interest: bigint;
  principal: bigint;
}

export interface Allocation {
  lines: AllocationLine[];
  /** What was left after everything owed was paid: held as the borrower's credit. */
  credit: bigint;
}

/**
 * Splits a payment over the installments: by default all of the oldest installment's components (in `order`)
 * before the next installment. `componentFirst` instead pays one component across all installments before the
 * next component (e.g. all penalty, then all interest, then principal).
 */
export function allocateRepayment(
  installments: readonly OpenInstallment[],
  amount: bigint,
  order: readonly Component[] = DEFAULT_ALLOCATION_ORDER,
  componentFirst = false,
): Allocation {
  if (amount <= 0n) throw new Error('amount must be positive');
  const sorted = [...installments].sort((a, b) => a.number - b.number);
  const lines = new Map<string, AllocationLine>(
    sorted.map((i) => [i.id, { installmentId: i.id, number: i.number, penalty: 0n, interest: 0n, principal: 0n }]),
  );
  let left = amount;
  const owed = (i: OpenInstallment, c: Component) =>
    c === 'penalty' ? i.penaltyOwed : c === 'interest' ? i.interestOwed : i.principalOwed;
  const pay = (i: OpenInstallment, c: Component) => {
    const take = owed(i, c) < left ? owed(i, c) : left;
    if (take > 0n) {
      (lines.get(i.id) as AllocationLine)[c] += take;
      left -= take;
    }
  };
  if (componentFirst) {
    for (const c of order) for (const i of sorted) if (left > 0n) pay(i, c);
  } else {
    for (const i of sorted) for (const c of order) if (left > 0n) pay(i, c);
  }
  return {
    lines: [...lines.values()].filter((l) => l.penalty + l.interest + l.principal > 0n),
    credit: left,
  };
}
