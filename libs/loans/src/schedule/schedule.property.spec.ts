import fc from 'fast-check';
import { BadInputError, Decimal, LocalDate, Money, ROUNDING_MODES, addMonthsKeepingDay } from '@mla/core';
import {
  DAY_COUNTS,
  INTEREST_BASES,
  SCHEDULE_METHODS,
  buildSchedule,
  type PrincipalPlanEntry,
  type RepaymentMethod,
  type ScheduleConventions,
  type ScheduleInput,
} from '@mla/loans';

// Invariants every schedule must keep, whatever the method and conventions. Plain checks instead of expect()
// inside the loops keep 2,500 runs fast; fast-check reports the failing input with the message.

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const MONTHLY: ReadonlyArray<RepaymentMethod> = [
  'EQUAL_INSTALLMENT',
  'EQUAL_PRINCIPAL',
  'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
  'CUSTOM_PRINCIPAL_PLAN',
];
const FIRST_DAY = LocalDate.parse('2020-01-01');

/** Any day 2020–2030, with month ends drawn often (they are where clamping goes wrong). */
const valueDate = fc.oneof(
  fc.integer({ min: 0, max: FIRST_DAY.daysUntil(LocalDate.parse('2030-12-31')) }).map((n) => FIRST_DAY.plusDays(n)),
  fc
    .record({ year: fc.integer({ min: 2020, max: 2030 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => LocalDate.of(year, month, 1).endOfMonth()),
);

/** 0–15% a year, to a millionth (so monthly rates rarely terminate). */
const annualRate = fc.integer({ min: 0, max: 150_000 }).map((n) => Decimal.of(BigInt(n)).div(1_000_000, 6));

const conventions: fc.Arbitrary<Partial<ScheduleConventions>> = fc.record(
  {
    dayCount: fc.constantFrom(...DAY_COUNTS),
    interestBasis: fc.constantFrom(...INTEREST_BASES),
    rounding: fc.constantFrom(...ROUNDING_MODES),
    installmentRounding: fc.constantFrom(...ROUNDING_MODES),
    settlementDay: fc.integer({ min: 1, max: 31 }),
    settlementMonths: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
    countMaturityDay: fc.boolean(),
    endOfMonthRule: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A plan ending in the last month, with positive percents (to the hundredth) summing to 100. */
function principalPlan(termMonths: number): fc.Arbitrary<PrincipalPlanEntry[]> {
  const earlier = fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, termMonths - 1) }), {
    maxLength: Math.min(6, termMonths - 1),
  });
  return earlier.chain((months) => {
    const all = [...months.filter((m) => m < termMonths), termMonths].sort((a, b) => a - b);
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), {
      minLength: all.length - 1,
      maxLength: all.length - 1,
    });
    return cuts.map((c) => {
      const bounds = [0, ...c.sort((a, b) => a - b), 10_000];
      return all.map((month, i) => ({
        month,
        percent: Decimal.of(BigInt(bounds[i + 1] - bounds[i]))
          .div(100, 2)
          .toString(),
      }));
    });
  });
}

const scheduleInput: fc.Arbitrary<ScheduleInput> = fc
  .record({
    principal: fc.integer({ min: 100_000, max: 30_000_000 }).map((fen) => Money.ofFen(fen)),
    annualRate,
    valueDate,
    termMonths: fc.integer({ min: 1, max: 60 }),
    method: fc.constantFrom(...SCHEDULE_METHODS),
    firstDueOffset: fc.option(fc.integer({ min: 1, max: 59 }), { nil: undefined }),
    conventions,
    // 等额本息 only (other methods refuse a multiple): to the fen, jiao, yuan or 10 yuan.
    installmentMultipleFen: fc.constantFrom(1, 10, 100, 1000),
  })
  .chain(({ firstDueOffset, installmentMultipleFen, ...input }) => {
    if (input.method === 'EQUAL_INSTALLMENT') input.conventions = { ...input.conventions, installmentMultipleFen };
    const firstDueDate =
      firstDueOffset !== undefined && MONTHLY.includes(input.method)
        ? input.valueDate.plusDays(firstDueOffset)
        : undefined;
    const plan: fc.Arbitrary<PrincipalPlanEntry[] | undefined> =
      input.method === 'CUSTOM_PRINCIPAL_PLAN' ? principalPlan(input.termMonths) : fc.constant(undefined);
    return plan.map((principalPlan) => ({ ...input, firstDueDate, principalPlan }));
  });

describe('buildSchedule properties', () => {
  it('keeps every invariant for random loans, methods and conventions', () => {
    fc.assert(
      fc.property(scheduleInput, (input) => {
        const s = buildOrCoarse(input);
        if (!s) return;
        const rows = s.rows;
        const c = s.conventions;

        check(Money.sum(rows.map((r) => r.principal)).eq(input.principal), 'principal rows sum to the loan');
        check(s.totalPrincipal.eq(input.principal), 'totalPrincipal is the loan');
        check(s.totalInterest.eq(Money.sum(rows.map((r) => r.interest))), 'totalInterest is the sum of rows');

        let balance = input.principal;
        rows.forEach((r, i) => {
          const at = `row ${r.number}`;
          check(r.number === i + 1, `${at}: numbered from 1`);
          check(!r.principal.isNegative() && !r.interest.isNegative(), `${at}: no negative principal or interest`);
          check(r.total.eq(r.principal.add(r.interest)), `${at}: total = principal + interest`);
          check(r.balanceAfter.eq(balance.subtract(r.principal)), `${at}: balance falls by the principal`);
          check(!r.balanceAfter.isNegative(), `${at}: balance never negative`);
          if (c.interestBasis === 'ACTUAL_DAYS') {
            // Each row's interest is the balance's interest over its days, rounded once.
            const basis = c.dayCount === 'ACT_365' ? 365 : 360;
            const expected = Money.interest(balance, input.annualRate, r.days, basis, c.rounding);
            check(r.interest.eq(expected), `${at}: actual-day interest`);
          } else if (MONTHLY.includes(input.method) && i > 0) {
            // A regular monthly row accrues exactly a twelfth of a year.
            const twelfth = Decimal.of(balance.fen).mul(input.annualRate).div(12, 0, c.rounding);
            check(r.interest.fen === twelfth.mantissa, `${at}: periodic interest is balance × rate / 12`);
          }
          balance = r.balanceAfter;
          const expectedStart = i === 0 ? input.valueDate : rows[i - 1].periodEnd.plusDays(1);
          check(r.periodStart.equals(expectedStart), `${at}: periods are contiguous`);
          check(!r.periodEnd.isBefore(r.periodStart), `${at}: period not empty`);
          const lag = r.periodEnd.daysUntil(r.dueDate);
          check(lag === 0 || lag === 1, `${at}: due on or the day after the period end`);
          check(i === 0 || r.dueDate.isAfter(rows[i - 1].dueDate), `${at}: due dates strictly increase`);
          check(r.days >= (c.dayCount === '30_360' ? 0 : 1), `${at}: days counted`);
        });
        check(balance.isZero(), 'balance falls to zero');
        check(rows[rows.length - 1].principal.isPositive(), 'the last row repays principal');

        // Maturity is the term counted from the anchor; actual days add up to the whole term.
        if (!c.endOfMonthRule) {
          const expected = input.firstDueDate
            ? addMonthsKeepingDay(input.firstDueDate, input.termMonths - 1)
            : addMonthsKeepingDay(input.valueDate, input.termMonths);
          check(s.maturityDate.equals(expected), 'maturity is the term from the anchor');
        }
        if (c.dayCount !== '30_360') {
          const termDays = input.valueDate.daysUntil(s.maturityDate) + (c.countMaturityDay ? 1 : 0);
          check(rows.reduce((sum, r) => sum + r.days, 0) === termDays, 'days add up to the term');
        }
        checkMethodShape(input, rows);
        if (input.method === 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY') checkSettlementDays(input, s);
      }),
      { numRuns: 2_500 },
    );
  });
});

/**
 * The schedule, or undefined when a multiple is refused as too coarse for a small loan (1,000.00 over 60 months
 * to 10 yuan): that refusal must name the convention, and only a multiple above one fen may be refused.
 */
function buildOrCoarse(input: ScheduleInput): ReturnType<typeof buildSchedule> | undefined {
  try {
    return buildSchedule(input);
  } catch (error) {
    const field = error instanceof BadInputError ? (error.details as { field?: string }).field : undefined;
    if (field !== 'conventions.installmentMultipleFen' || (input.conventions?.installmentMultipleFen ?? 1) === 1) {
      throw error;
    }
    return undefined;
  }
}

function checkMethodShape(input: ScheduleInput, rows: ReturnType<typeof buildSchedule>['rows']): void {
  const earlier = rows.slice(0, -1);
  const distinct = (values: bigint[]) => new Set(values).size;
  if (input.method === 'BULLET') check(rows.length === 1, 'bullet has one row');
  if (MONTHLY.includes(input.method)) check(rows.length === input.termMonths, 'one row per month');
  switch (input.method) {
    case 'EQUAL_INSTALLMENT':
      // Level installment on every row but the last (a first period of up to two months could exceed it).
      if (!input.firstDueDate) check(distinct(earlier.map((r) => r.total.fen)) <= 1, 'installments equal but last');
      {
        // Rows after the first and before the last pay exactly the installment: a multiple of the convention.
        const multiple = BigInt(input.conventions?.installmentMultipleFen ?? 1);
        check(
          earlier.slice(1).every((r) => r.total.fen % multiple === 0n),
          'level installments are multiples of installmentMultipleFen',
        );
      }
      break;
    case 'EQUAL_PRINCIPAL':
      check(distinct(earlier.map((r) => r.principal.fen)) <= 1, 'principal equal but last');
      break;
    case 'CUSTOM_PRINCIPAL_PLAN': {
      const planned = new Set((input.principalPlan ?? []).map((e) => e.month));
      check(
        rows.every((r) => r.principal.isZero() || planned.has(r.number)),
        'principal only on planned months',
      );
      break;
    }
    case 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY':
      check(
        earlier.every((r) => r.dueDate.equals(r.periodEnd)),
        'settlement rows are due on their last day',
      );
      check(
        earlier.every((r) => r.principal.isZero()),
        'principal only at maturity',
      );
      break;
    default:
      check(
        earlier.every((r) => r.principal.isZero()),
        'principal only at maturity',
      );
  }
}

/** Settlement rows end on configured settlement days, and no settlement day falls inside a period. */
function checkSettlementDays(input: ScheduleInput, s: ReturnType<typeof buildSchedule>): void {
  const { settlementDay, settlementMonths } = s.conventions;
  const isSettlementDay = (date: LocalDate) =>
    settlementMonths.includes(date.month) && date.equals(date.withDayClamped(settlementDay));
  s.rows.forEach((r, i) => {
    if (i < s.rows.length - 1) check(isSettlementDay(r.dueDate), `row ${r.number}: due on a settlement day`);
    for (let month = r.periodStart.withDayClamped(1); !month.isAfter(r.periodEnd); month = month.plusMonths(1)) {
      const day = month.withDayClamped(settlementDay);
      const inside = !day.isBefore(r.periodStart) && day.isBefore(r.periodEnd) && !day.equals(input.valueDate);
      check(!(settlementMonths.includes(month.month) && inside), `row ${r.number}: no settlement day inside`);
    }
  });
}
