import fc from 'fast-check';
import { Decimal, LocalDate, Money } from '@mla/core';
import { PenaltyBasis } from '@mla/loan-policies';
import {
  DEFAULT_ALLOCATION_ORDER,
  InstallmentStatus,
  accrueTo,
  applyPayment,
  bringUpTo,
  buildSchedule,
  graceEnd,
  penaltyTermsOf,
  replay,
  type LedgerRow,
  type PenaltyTerms,
  type PostedPayment,
  type RepaymentMethod,
} from '@mla/loans';

// Amounts must not depend on the order in which facts arrive: posting payments in value-date order, and posting
// the same payments in a shuffled arrival order (back-dated, with nightly closes in between), end in the same
// installment states to the fen. Plain checks keep many runs fast; fast-check reports the failing case.

const METHODS: RepaymentMethod[] = [
  'EQUAL_INSTALLMENT',
  'EQUAL_PRINCIPAL',
  'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
  'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
  'BULLET',
];
const START = LocalDate.parse('2025-01-10');

/** The nightly close in TypeScript (what the SQL does): only installments past grace are brought up to date. */
function close(rows: LedgerRow[], date: string, terms: PenaltyTerms): void {
  for (const r of rows) {
    if (r.status === InstallmentStatus.PAID || r.status === InstallmentStatus.SUPERSEDED) continue;
    if (date <= graceEnd(r.dueDate, terms.graceDays)) continue;
    accrueTo(r, date, terms);
    r.status = InstallmentStatus.OVERDUE;
  }
}

const scenario = fc
  .record({
    method: fc.constantFrom(...METHODS),
    termMonths: fc.integer({ min: 3, max: 18 }),
    principalYuan: fc.integer({ min: 1_000, max: 300_000 }),
    rateMicros: fc.integer({ min: 10_000, max: 80_000 }),
    upliftPercent: fc.integer({ min: 0, max: 50 }),
    graceDays: fc.integer({ min: 0, max: 10 }),
    basis: fc.constantFrom(...Object.values(PenaltyBasis)),
    dayCount: fc.constantFrom('ACT_360', 'ACT_365'),
    payments: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 700 }),
        share: fc.integer({ min: 1, max: 400 }),
        arrivalDelay: fc.integer({ min: 0, max: 120 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    closeEvery: fc.integer({ min: 1, max: 60 }),
    seed: fc.integer(),
  })
  .map((s) => ({ ...s, shuffle: s.seed }));

function rowsOf(s: {
  method: RepaymentMethod;
  termMonths: number;
  principalYuan: number;
  rateMicros: number;
  dayCount: string;
}): LedgerRow[] {
  const schedule = buildSchedule({
    principal: Money.ofYuan(String(s.principalYuan)),
    annualRate: Decimal.of(BigInt(s.rateMicros)).div(1_000_000, 6),
    valueDate: START,
    termMonths: s.termMonths,
    method: s.method,
    conventions: { dayCount: s.dayCount as 'ACT_360' | 'ACT_365' },
  });
  return schedule.rows.map((r) => ({
    id: String(r.number),
    number: r.number,
    dueDate: r.dueDate.toString(),
    principalDue: r.principal.fen,
    interestDue: r.interest.fen,
    principalPaid: 0n,
    interestPaid: 0n,
    penaltyPaid: 0n,
    penaltyFenDays: 0n,
    penaltyThrough: null,
    penaltyAccrued: 0n,
    status: InstallmentStatus.PENDING,
  }));
}

const comparable = (rows: LedgerRow[]) =>
  rows.map((r) =>
    [r.number, r.principalPaid, r.interestPaid, r.penaltyPaid, r.penaltyAccrued, r.penaltyFenDays, r.status].join('|'),
  );

describe('servicing ledger: arrival order does not change amounts', () => {
  it('shuffled, back-dated arrivals with closes in between end where value-date order ends', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const terms = penaltyTermsOf({
          annualRate: Decimal.of(BigInt(s.rateMicros)).div(1_000_000, 6).toFixed(6),
          penaltyUplift: Decimal.of(BigInt(s.upliftPercent)).div(100, 4).toFixed(4),
          graceDays: s.graceDays,
          conventions: { dayCount: s.dayCount },
          penaltyBasis: s.basis,
        });
        const base = rowsOf(s);
        const total = base.reduce((sum, r) => sum + r.principalDue + r.interestDue, 0n);
        const payments = s.payments.map((p, i) => ({
          key: i,
          amount: (total * BigInt(p.share)) / 1000n + 1n,
          valueDate: START.plusDays(p.day).toString(),
          arrival: START.plusDays(p.day + p.arrivalDelay).toString(),
        }));
        const final = START.plusDays(900).toString();

        // Value-date order (ties by arrival), no closes.
        const sorted = [...payments].sort((a, b) =>
          a.valueDate === b.valueDate ? a.key - b.key : a.valueDate < b.valueDate ? -1 : 1,
        );
        const expected = base.map((r) => ({ ...r }));
        let expectedCredit = 0n;
        for (const p of sorted) expectedCredit += applyPayment(expected, p, terms, DEFAULT_ALLOCATION_ORDER).credit;
        bringUpTo(expected, final, terms);

        // Arrival order: by arrival date (ties shuffled), closes run every few days up to each arrival.
        let rng = s.shuffle;
        const arrivals = [...payments]
          .map((p) => ({ p, tie: (rng = (rng * 1103515245 + 12345) | 0) }))
          .sort((a, b) => (a.p.arrival === b.p.arrival ? a.tie - b.tie : a.p.arrival < b.p.arrival ? -1 : 1))
          .map((a) => a.p);
        let rows = base.map((r) => ({ ...r }));
        let posted: PostedPayment[] = [];
        let credit = 0n;
        let closedThrough = START;
        let seq = 0n;
        const closeUpTo = (day: string) => {
          while (closedThrough.plusDays(s.closeEvery).toString() <= day) {
            closedThrough = closedThrough.plusDays(s.closeEvery);
            close(rows, closedThrough.toString(), terms);
          }
        };
        for (const p of arrivals) {
          closeUpTo(p.arrival);
          const later = posted.filter((q) => q.valueDate > p.valueDate);
          const result = replay({
            rows,
            later,
            removeId: null,
            add: { amount: p.amount, valueDate: p.valueDate },
            from: p.valueDate,
            terms,
            order: DEFAULT_ALLOCATION_ORDER,
          });
          rows = result.rows;
          credit += result.creditDelta;
          const mine = result.outcomes.find((o) => o.id === null);
          const redone = new Map(result.outcomes.map((o) => [o.id, o.outcome]));
          posted = posted.map((q) => {
            const o = redone.get(q.id);
            return o ? { ...q, credit: o.credit, lines: o.lines } : q;
          });
          seq += 1n;
          posted.push({
            id: `p${p.key}`,
            seq,
            kind: 'REGULAR',
            amount: p.amount,
            valueDate: p.valueDate,
            credit: mine?.outcome.credit ?? 0n,
            lines: mine?.outcome.lines ?? [],
          });
          posted.sort((a, b) =>
            a.valueDate === b.valueDate ? Number(a.seq - b.seq) : a.valueDate < b.valueDate ? -1 : 1,
          );
        }
        closeUpTo(final);
        bringUpTo(rows, final, terms);
        const got = comparable(rows);
        const want = comparable(expected);
        if (got.join('\n') !== want.join('\n') || credit !== expectedCredit) {
          throw new Error(
            `arrival order changed the outcome:\n got ${got.join('\n     ')} credit ${credit}\nwant ${want.join('\n     ')} credit ${expectedCredit}`,
          );
        }
      }),
      { numRuns: 400, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31) },
    );
  });
});
