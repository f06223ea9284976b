import fc from 'fast-check';
import { Decimal, LocalDate } from '@mla/core';
import type { SubsidyRule } from '@mla/loan-policies';
import { calculateSubsidyLine } from './calculate-subsidy-line';
import type { SubsidyLineInput } from './subsidy-facts';
import { CASE_D_LOAN } from './subsidy-test-builders';

// Invariants of every line: the budgets' split sums exactly to the subsidy, and the subsidy never exceeds the
// interest collected for the period (nor goes below zero). Plain checks keep the runs fast.

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const fraction = (max: number) => fc.integer({ min: 0, max }).map((n) => Decimal.of(BigInt(n)).div(max, 4).toString());

/** Four shares in ten-thousandths summing to exactly 1. */
const shares = fc
  .tuple(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000))
  .map(([a, b, c]) => [a, b, c].sort((x, y) => x - y))
  .map(([a, b, c]) => [a, b - a, c - b, 10_000 - c].map((n) => Decimal.of(BigInt(n)).div(10_000, 4).toString()))
  .map(([central, provincial, city, county]) => ({ central, provincial, city, county }));

const formula: fc.Arbitrary<SubsidyRule> = fc.oneof(
  fc.constant<SubsidyRule>({ kind: 'FULL_ACTUAL_INTEREST' }),
  fc
    .integer({ min: 0, max: 500 })
    .map<SubsidyRule>((bp) => ({ kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE', borrowerBearsLprMinusBasisPoints: bp })),
  fc
    .integer({ min: 1, max: 100 })
    .map<SubsidyRule>((p) => ({ kind: 'PERCENT_OF_ACTUAL_INTEREST', percent: String(p) })),
);

const rule = fc
  .record({
    formula,
    fundingShares: shares,
    taper: fc.option(fc.array(fraction(10_000), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    amountCapFen: fc.option(fc.bigInt({ min: 1n, max: 40_000_000n }).map(String), { nil: undefined }),
    rateCapBasisPointsOverLpr: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  })
  .map(({ formula: f, ...rest }) => {
    const r: Record<string, unknown> = { ...f };
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) r[k] = v;
    return r as SubsidyRule;
  });

const START = LocalDate.parse('2024-01-10');

const input = fc
  .record({
    rule,
    principal: fc.bigInt({ min: 100_000n, max: 50_000_000n }),
    rateMillionths: fc.integer({ min: 0, max: 150_000 }),
    lprBp: fc.integer({ min: 100, max: 600 }),
    offset: fc.integer({ min: 0, max: 800 }),
    days: fc.integer({ min: 1, max: 100 }),
    paidShare: fc.integer({ min: 0, max: 120 }),
    lateDays: fc.integer({ min: -5, max: 10 }),
    leverage: fraction(100),
    stopAfter: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    subsidisable: fc.boolean(),
  })
  .map((x): SubsidyLineInput => {
    const from = START.plusDays(x.offset);
    const to = from.plusDays(x.days - 1);
    const interest = (x.principal * BigInt(x.rateMillionths) * BigInt(x.days)) / 360_000_000n;
    const paid = (interest * BigInt(x.paidShare)) / 100n;
    return {
      loan: {
        ...CASE_D_LOAN,
        principalFen: x.principal,
        annualRate: Decimal.of(BigInt(x.rateMillionths)).div(1_000_000, 6).toString(),
        lprPercent: Decimal.of(BigInt(x.lprBp)).div(100, 2).toString(),
      },
      policy: { id: 'p', version: 1, subsidyRule: x.rule },
      period: { start: from.toString(), end: to.toString() },
      installments: [
        {
          number: 1,
          periodStart: from.toString(),
          periodEnd: to.toString(),
          dueDate: to.toString(),
          days: x.days,
          principalBasisFen: x.principal,
          interestDueFen: interest,
          subsidisable: x.subsidisable,
          interestCollections: [{ valueDate: to.plusDays(x.lateDays).toString(), fen: paid }],
        },
      ],
      asOf: to.plusDays(30).toString(),
      withinLeverageFraction: x.leverage,
      businessStoppedOn: x.stopAfter === undefined ? null : from.plusDays(x.stopAfter).toString(),
    };
  });

describe('subsidy line invariants', () => {
  it('the budgets’ split sums to the subsidy, which stays within 0 and the interest collected', () => {
    fc.assert(
      fc.property(input, (i) => {
        const line = calculateSubsidyLine(i);
        const split = Object.values(line.fundingSplitFen).reduce((a, b) => a + b, 0n);
        check(split === line.subsidyFen, `split ${split} ≠ subsidy ${line.subsidyFen}`);
        check(line.subsidyFen >= 0n, `negative subsidy ${line.subsidyFen}`);
        check(
          line.subsidyFen <= line.interestCollectedFen,
          `subsidy ${line.subsidyFen} > collected ${line.interestCollectedFen}`,
        );
        check(line.subsidyFen <= line.interestDueFen, `subsidy ${line.subsidyFen} > due ${line.interestDueFen}`);
        check(
          Object.values(line.fundingSplitFen).every((p) => p >= 0n),
          `negative split part ${JSON.stringify(line.fundingSplitFen, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
        );
      }),
      { numRuns: 1500 },
    );
  });
});
