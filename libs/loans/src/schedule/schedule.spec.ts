import { BadInputError, LocalDate, Money } from '@mla/core';
import { buildSchedule, type Schedule, type ScheduleInput } from '@mla/loans';

// Figures from /work/shared/fixtures/schedules/reference-cases.md (A–E) must match to the fen; the other
// expectations were computed independently with exact fractions.

const d = (iso: string) => LocalDate.parse(iso);
const build = (input: Partial<ScheduleInput> & Pick<ScheduleInput, 'method'>): Schedule =>
  buildSchedule({
    principal: Money.ofYuan('100000.00'),
    annualRate: '0.05',
    valueDate: d('2024-01-15'),
    termMonths: 12,
    ...input,
  });
/** [principal, interest, total, balanceAfter] of a row, as yuan strings. */
const money = (s: Schedule, n: number) => {
  const r = s.rows[n - 1];
  return [r.principal, r.interest, r.total, r.balanceAfter].map((m) => m.toYuanString());
};
/** [periodStart, periodEnd, days, interest, dueDate] of each row. */
const periods = (s: Schedule) =>
  s.rows.map((r) => [
    r.periodStart.toString(),
    r.periodEnd.toString(),
    r.days,
    r.interest.toYuanString(),
    r.dueDate.toString(),
  ]);
const dues = (s: Schedule) => s.rows.map((r) => r.dueDate.toString());
const interests = (s: Schedule) => s.rows.map((r) => r.interest.toYuanString());

describe('buildSchedule: reference cases', () => {
  it('A. 等额本息 50,000 @ 6%, 12 months: installment 4,303.32, last row takes the remainder', () => {
    const s = build({
      method: 'EQUAL_INSTALLMENT',
      principal: Money.ofYuan('50000.00'),
      annualRate: '0.06',
      valueDate: d('2024-01-15'),
    });
    expect(s.rows).toHaveLength(12);
    expect(money(s, 1)).toEqual(['4053.32', '250.00', '4303.32', '45946.68']);
    expect(money(s, 2)).toEqual(['4073.59', '229.73', '4303.32', '41873.09']);
    expect(money(s, 3)).toEqual(['4093.95', '209.37', '4303.32', '37779.14']);
    expect(money(s, 6)).toEqual(['4155.67', '147.65', '4303.32', '25374.05']);
    expect(money(s, 11)).toEqual(['4260.61', '42.71', '4303.32', '4281.93']);
    expect(money(s, 12)).toEqual(['4281.93', '21.41', '4303.34', '0.00']);
    expect(s.rows.slice(0, 11).every((r) => r.total.eq(Money.ofYuan('4303.32')))).toBe(true);
    expect(s.totalInterest.toYuanString()).toBe('1639.86');
    expect(s.totalPrincipal.toYuanString()).toBe('50000.00');
    expect(s.conventions.interestBasis).toBe('PERIODIC');
  });

  it('B. 等额本金 120,000 @ 4.35%, 12 months: 10,000 a row, interest 435.00 falling by 36.25', () => {
    const s = build({ method: 'EQUAL_PRINCIPAL', principal: Money.ofYuan('120000.00'), annualRate: '0.0435' });
    expect(s.rows.map((r) => r.principal.toYuanString())).toEqual(new Array(12).fill('10000.00'));
    expect(interests(s)).toEqual([
      '435.00',
      '398.75',
      '362.50',
      '326.25',
      '290.00',
      '253.75',
      '217.50',
      '181.25',
      '145.00',
      '108.75',
      '72.50',
      '36.25',
    ]);
    expect(s.totalInterest.toYuanString()).toBe('2827.50');
    expect(s.rows[11].balanceAfter.isZero()).toBe(true);
  });

  const caseC = {
    method: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
    principal: Money.ofYuan('80000.00'),
    annualRate: '0.0435',
    valueDate: d('2024-07-15'),
    termMonths: 12,
  } as const;

  it('C. 按季结息到期还本 80,000 @ 4.35%, Act/360 actual days (the defaults for this method)', () => {
    const s = build(caseC);
    expect(periods(s)).toEqual([
      ['2024-07-15', '2024-09-20', 68, '657.33', '2024-09-20'],
      ['2024-09-21', '2024-12-20', 91, '879.67', '2024-12-20'],
      ['2024-12-21', '2025-03-20', 90, '870.00', '2025-03-20'],
      ['2025-03-21', '2025-06-20', 92, '889.33', '2025-06-20'],
      ['2025-06-21', '2025-07-14', 24, '232.00', '2025-07-15'],
    ]);
    expect(s.rows.map((r) => r.principal.toYuanString())).toEqual(['0.00', '0.00', '0.00', '0.00', '80000.00']);
    expect(s.rows[4].total.toYuanString()).toBe('80232.00');
    expect(s.totalInterest.toYuanString()).toBe('3528.33');
    expect(s.maturityDate.toString()).toBe('2025-07-15');
    expect(s.conventions).toMatchObject({ dayCount: 'ACT_360', interestBasis: 'ACTUAL_DAYS', settlementDay: 20 });
  });

  it('C with explicit conventions gives the same rows', () => {
    const explicit = build({ ...caseC, conventions: { dayCount: 'ACT_360', interestBasis: 'ACTUAL_DAYS' } });
    expect(periods(explicit)).toEqual(periods(build(caseC)));
  });

  it('D. 200,000 @ 4.95% from 2024-01-10: 71 days 1,952.50, then 92 days 2,530.00', () => {
    const s = build({
      method: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
      principal: Money.ofYuan('200000.00'),
      annualRate: '0.0495',
      valueDate: d('2024-01-10'),
    });
    expect(periods(s).slice(0, 2)).toEqual([
      ['2024-01-10', '2024-03-20', 71, '1952.50', '2024-03-20'],
      ['2024-03-21', '2024-06-20', 92, '2530.00', '2024-06-20'],
    ]);
  });

  it('E. monthly due dates keep the first due date day and clamp in short months', () => {
    const s = build({
      method: 'EQUAL_PRINCIPAL',
      valueDate: d('2022-12-31'),
      firstDueDate: d('2023-01-31'),
      termMonths: 14,
    });
    expect(dues(s)).toEqual([
      '2023-01-31',
      '2023-02-28',
      '2023-03-31',
      '2023-04-30',
      '2023-05-31',
      '2023-06-30',
      '2023-07-31',
      '2023-08-31',
      '2023-09-30',
      '2023-10-31',
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
    ]);
  });

  it('E. without firstDueDate the value date is the anchor: 2023-01-31 → 02-28, 03-31, 04-30', () => {
    const s = build({ method: 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY', valueDate: d('2023-01-31'), termMonths: 3 });
    expect(dues(s)).toEqual(['2023-02-28', '2023-03-31', '2023-04-30']);
    expect(s.rows.map((r) => [r.periodStart.toString(), r.periodEnd.toString()])).toEqual([
      ['2023-01-31', '2023-02-27'],
      ['2023-02-28', '2023-03-30'],
      ['2023-03-31', '2023-04-29'],
    ]);
  });
});

describe('buildSchedule: other methods', () => {
  it('bullet: one row at maturity over the whole term, actual days by default, periodic on request', () => {
    const bullet = { method: 'BULLET', valueDate: d('2024-01-31') } as const;
    expect(periods(build(bullet))).toEqual([['2024-01-31', '2025-01-30', 366, '5083.33', '2025-01-31']]);
    expect(build(bullet).rows[0].total.toYuanString()).toBe('105083.33');
    expect(interests(build({ ...bullet, conventions: { interestBasis: 'PERIODIC' } }))).toEqual(['5000.00']);
  });

  it('monthly interest, principal at maturity: periods end the day before each due date', () => {
    const s = build({
      method: 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
      annualRate: '0.0435',
      valueDate: d('2023-12-31'),
      termMonths: 3,
    });
    expect(periods(s)).toEqual([
      ['2023-12-31', '2024-01-30', 31, '374.58', '2024-01-31'],
      ['2024-01-31', '2024-02-28', 29, '350.42', '2024-02-29'],
      ['2024-02-29', '2024-03-30', 31, '374.58', '2024-03-31'],
    ]);
    expect(s.rows.map((r) => r.principal.toYuanString())).toEqual(['0.00', '0.00', '100000.00']);
  });

  it('custom plan 10% / 20% / 70% at months 12 / 24 / 36', () => {
    const s = build({
      method: 'CUSTOM_PRINCIPAL_PLAN',
      termMonths: 36,
      annualRate: '0.06',
      principalPlan: [
        { month: 24, percent: '20' },
        { month: 12, percent: '10' },
        { month: 36, percent: '70' },
      ],
      conventions: { interestBasis: 'PERIODIC' },
    });
    const paid = s.rows.filter((r) => r.principal.isPositive()).map((r) => [r.number, r.principal.toYuanString()]);
    expect(paid).toEqual([
      [12, '10000.00'],
      [24, '20000.00'],
      [36, '70000.00'],
    ]);
    expect(interests(s).slice(10, 14)).toEqual(['500.00', '500.00', '450.00', '450.00']);
    expect(s.rows[35].interest.toYuanString()).toBe('350.00');
    expect(s.totalInterest.toYuanString()).toBe('15600.00');
  });

  it('custom plan amounts are rounded per row and the remainder lands on the last planned row', () => {
    const s = build({
      method: 'CUSTOM_PRINCIPAL_PLAN',
      principal: Money.ofYuan('1000.01'),
      termMonths: 3,
      principalPlan: [
        { month: 1, percent: '33.33' },
        { month: 2, percent: '33.33' },
        { month: 3, percent: '33.34' },
      ],
    });
    expect(s.rows.map((r) => r.principal.toYuanString())).toEqual(['333.30', '333.30', '333.41']);
  });

  it('等额本息 at a zero rate splits the principal evenly, remainder last', () => {
    const s = build({
      method: 'EQUAL_INSTALLMENT',
      principal: Money.ofYuan('1000.00'),
      annualRate: '0',
      termMonths: 3,
    });
    expect(s.rows.map((r) => r.total.toYuanString())).toEqual(['333.33', '333.33', '333.34']);
    expect(s.totalInterest.isZero()).toBe(true);
  });

  it('等额本息 100,000 @ 4.9% over 12 months: installment 8,556.17, last 8,556.12', () => {
    const s = build({ method: 'EQUAL_INSTALLMENT', annualRate: '0.049' });
    expect(money(s, 1)).toEqual(['8147.84', '408.33', '8556.17', '91852.16']);
    expect(money(s, 12)).toEqual(['8521.32', '34.80', '8556.12', '0.00']);
    expect(s.totalInterest.toYuanString()).toBe('2673.99');
  });
});

describe('buildSchedule: conventions are parameters', () => {
  const caseC = {
    method: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
    principal: Money.ofYuan('80000.00'),
    annualRate: '0.0435',
    valueDate: d('2024-07-15'),
  } as const;

  it('Act/365 divides the same actual days by 365', () => {
    const s = build({ ...caseC, conventions: { dayCount: 'ACT_365' } });
    expect(interests(s)).toEqual(['648.33', '867.62', '858.08', '877.15', '228.82']);
    expect(s.rows.map((r) => r.days)).toEqual([68, 91, 90, 92, 24]);
  });

  it('30/360 counts 30 days a month', () => {
    const s = build({ ...caseC, conventions: { dayCount: '30_360' } });
    expect(s.rows.map((r) => r.days)).toEqual([66, 90, 90, 90, 24]);
    expect(interests(s)).toEqual(['638.00', '870.00', '870.00', '870.00', '232.00']);
  });

  it('30/360 gives clamped month ends a full 30-day month', () => {
    const s = build({
      method: 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
      valueDate: d('2023-01-31'),
      termMonths: 4,
      conventions: { dayCount: '30_360' },
    });
    expect(s.rows.map((r) => r.days)).toEqual([30, 30, 30, 30]);
    expect(new Set(interests(s))).toEqual(new Set(['416.67']));
  });

  it('PERIODIC on settlement periods: whole months at annual / 12, odd days by the day count', () => {
    const s = build({ ...caseC, conventions: { interestBasis: 'PERIODIC' } });
    // 2 months + 6 days; three full quarters; 24 odd days.
    expect(interests(s)).toEqual(['638.00', '870.00', '870.00', '870.00', '232.00']);
  });

  it('countMaturityDay (算头又算尾) accrues the maturity day too', () => {
    const s = build({ ...caseC, conventions: { countMaturityDay: true } });
    expect(periods(s)[4]).toEqual(['2025-06-21', '2025-07-15', 25, '241.67', '2025-07-15']);
  });

  it('settlement day and months are configurable (half-yearly on the 21st)', () => {
    const s = build({ ...caseC, conventions: { settlementDay: 21, settlementMonths: [12, 6] } });
    expect(s.rows.map((r) => [r.periodEnd.toString(), r.dueDate.toString()])).toEqual([
      ['2024-12-21', '2024-12-21'],
      ['2025-06-21', '2025-06-21'],
      ['2025-07-14', '2025-07-15'],
    ]);
  });

  it('a settlement day that would leave an empty last period is settled at maturity instead', () => {
    const s = build({ ...caseC, valueDate: d('2024-06-21'), termMonths: 12 });
    expect(s.rows.map((r) => [r.periodStart.toString(), r.periodEnd.toString(), r.dueDate.toString()])).toEqual([
      ['2024-06-21', '2024-09-20', '2024-09-20'],
      ['2024-09-21', '2024-12-20', '2024-12-20'],
      ['2024-12-21', '2025-03-20', '2025-03-20'],
      ['2025-03-21', '2025-06-20', '2025-06-21'],
    ]);
  });

  it('a value date on a settlement day starts the first period there and settles at the next one', () => {
    const s = build({ ...caseC, valueDate: d('2024-09-20'), termMonths: 3 });
    expect(s.rows.map((r) => [r.periodStart.toString(), r.periodEnd.toString()])).toEqual([
      ['2024-09-20', '2024-12-19'],
    ]);
  });

  it('HALF_EVEN rounding of interest', () => {
    const input = {
      method: 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
      principal: Money.ofYuan('1000.00'),
      annualRate: '0.0183',
      termMonths: 2,
    } as const;
    expect(interests(build({ ...input, conventions: { interestBasis: 'PERIODIC' } }))).toEqual(['1.53', '1.53']);
    const even = build({ ...input, conventions: { interestBasis: 'PERIODIC', rounding: 'HALF_EVEN' } });
    expect(interests(even)).toEqual(['1.52', '1.52']);
  });

  it('installment rounding is separate from interest rounding', () => {
    const input = {
      method: 'EQUAL_INSTALLMENT',
      principal: Money.ofYuan('50000.00'),
      annualRate: '0.06',
    } as const;
    const up = build({ ...input, conventions: { installmentRounding: 'UP' } });
    expect(money(up, 1)).toEqual(['4053.33', '250.00', '4303.33', '45946.67']);
    expect(up.rows[11].total.lt(Money.ofYuan('4303.33'))).toBe(true);
    expect(up.totalPrincipal.toYuanString()).toBe('50000.00');
  });

  it('first due date: a long first period accrues its odd days (periodic or actual)', () => {
    const input = {
      method: 'EQUAL_PRINCIPAL',
      principal: Money.ofYuan('12000.00'),
      annualRate: '0.06',
      valueDate: d('2024-01-10'),
      firstDueDate: d('2024-02-20'),
      termMonths: 3,
    } as const;
    const periodic = build(input);
    expect(periods(periodic)).toEqual([
      ['2024-01-10', '2024-02-19', 41, '80.00', '2024-02-20'],
      ['2024-02-20', '2024-03-19', 29, '40.00', '2024-03-20'],
      ['2024-03-20', '2024-04-19', 31, '20.00', '2024-04-20'],
    ]);
    const actual = build({ ...input, conventions: { interestBasis: 'ACTUAL_DAYS' } });
    expect(interests(actual)).toEqual(['82.00', '38.67', '20.67']);
  });

  it('end-of-month rule keeps a month-end anchor on month ends', () => {
    const input = { method: 'EQUAL_PRINCIPAL', valueDate: d('2023-02-28'), termMonths: 3 } as const;
    expect(dues(build(input))).toEqual(['2023-03-28', '2023-04-28', '2023-05-28']);
    expect(dues(build({ ...input, conventions: { endOfMonthRule: true } }))).toEqual([
      '2023-03-31',
      '2023-04-30',
      '2023-05-31',
    ]);
  });

  it('returns the resolved conventions, which rebuild the same schedule', () => {
    const first = build({ method: 'EQUAL_INSTALLMENT' });
    expect(first.conventions).toEqual({
      dayCount: 'ACT_360',
      interestBasis: 'PERIODIC',
      rounding: 'HALF_UP',
      installmentRounding: 'HALF_UP',
      installmentMultipleFen: 1,
      settlementDay: 20,
      settlementMonths: [3, 6, 9, 12],
      countMaturityDay: false,
      endOfMonthRule: false,
    });
    const stored = JSON.parse(JSON.stringify(first.conventions));
    const again = build({ method: 'EQUAL_INSTALLMENT', conventions: stored });
    expect(JSON.stringify(again.rows)).toBe(JSON.stringify(first.rows));
  });
});

describe('buildSchedule: 等额本息 with a short or long first period', () => {
  // fast-check counterexample (seed -1272265392): a 1-day first period used to repay a whole month's interest
  // as extra principal; compounded over 60 months at 14.1% it emptied the maturity row (0.00 on row 60).
  const counterexample = {
    method: 'EQUAL_INSTALLMENT',
    principal: Money.ofYuan('1000.00'),
    annualRate: '0.140998',
    valueDate: d('2020-01-01'),
    firstDueDate: d('2020-01-02'),
    termMonths: 60,
    conventions: { installmentRounding: 'CEILING' },
  } as const;

  it('the first row repays a regular month of principal with its actual days of interest', () => {
    const s = build(counterexample);
    expect(s.rows).toHaveLength(60);
    // Installment 23.33 (23.3200… up); principal 23.33 − round(1,000.00 × 0.140998 / 12 = 11.7498…); 1 day's interest.
    expect(money(s, 1)).toEqual(['11.58', '0.39', '11.97', '988.42']);
    expect(money(s, 2)).toEqual(['11.72', '11.61', '23.33', '976.70']);
    expect(s.rows.slice(1, 59).every((r) => r.total.eq(Money.ofYuan('23.33')))).toBe(true);
    expect(money(s, 59)).toEqual(['22.80', '0.53', '23.33', '22.21']);
    expect(money(s, 60)).toEqual(['22.21', '0.26', '22.47', '0.00']);
    expect(s.totalInterest.toYuanString()).toBe('387.58');
  });

  it('a 30-year loan with a 1-day first period pays its installment through maturity', () => {
    const s = build({
      method: 'EQUAL_INSTALLMENT',
      principal: Money.ofYuan('1000000.00'),
      annualRate: '0.049',
      valueDate: d('2024-01-15'),
      firstDueDate: d('2024-01-16'),
      termMonths: 360,
    });
    expect(money(s, 1)).toEqual(['1223.94', '136.11', '1360.05', '998776.06']);
    expect(s.rows.slice(1, 359).every((r) => r.total.eq(Money.ofYuan('5307.27')))).toBe(true);
    expect(money(s, 360)).toEqual(['5283.62', '21.57', '5305.19', '0.00']);
  });

  it.each<[string, ScheduleInput['conventions']]>([
    ['defaults', {}],
    ['算头又算尾, actual days, 30/360', { countMaturityDay: true, interestBasis: 'ACTUAL_DAYS', dayCount: '30_360' }],
  ])('a first due date one month on builds the same rows as none (%s)', (_name, conventions) => {
    const input = { method: 'EQUAL_INSTALLMENT', valueDate: d('2024-01-15'), termMonths: 24, conventions } as const;
    const explicit = build({ ...input, firstDueDate: d('2024-02-15') });
    expect(JSON.stringify(explicit.rows)).toBe(JSON.stringify(build(input).rows));
  });
});

describe('buildSchedule: 等额本息 installment in multiples (conventions.installmentMultipleFen)', () => {
  const caseA = {
    method: 'EQUAL_INSTALLMENT',
    principal: Money.ofYuan('50000.00'),
    annualRate: '0.06',
    valueDate: d('2024-01-15'),
  } as const;
  const tenYuan = { installmentMultipleFen: 1000 } as const;

  it('case A to 10 yuan: 4,303.32… rounds to 4,300.00 and the last row carries the remainder', () => {
    const s = build({ ...caseA, conventions: tenYuan });
    expect(money(s, 1)).toEqual(['4050.00', '250.00', '4300.00', '45950.00']);
    expect(money(s, 2)).toEqual(['4070.25', '229.75', '4300.00', '41879.75']);
    expect(money(s, 11)).toEqual(['4257.12', '42.88', '4300.00', '4319.38']);
    expect(money(s, 12)).toEqual(['4319.38', '21.60', '4340.98', '0.00']);
    expect(s.rows.slice(0, 11).every((r) => r.total.eq(Money.ofYuan('4300.00')))).toBe(true);
    expect(Money.sum(s.rows.map((r) => r.principal)).toYuanString()).toBe('50000.00');
    expect(s.totalPrincipal.toYuanString()).toBe('50000.00');
    expect(s.totalInterest.toYuanString()).toBe('1640.98');
    expect(s.conventions.installmentMultipleFen).toBe(1000);
  });

  it('case A to the yuan: 4,303.00, last row 4,306.97', () => {
    const s = build({ ...caseA, conventions: { installmentMultipleFen: 100 } });
    expect(money(s, 1)).toEqual(['4053.00', '250.00', '4303.00', '45947.00']);
    expect(money(s, 12)).toEqual(['4285.54', '21.43', '4306.97', '0.00']);
    expect(s.totalInterest.toYuanString()).toBe('1639.97');
  });

  it('rounds with installmentRounding: 8,556.17 goes up to 8,560.00 (HALF_UP) and the last row is smaller', () => {
    const s = build({ method: 'EQUAL_INSTALLMENT', annualRate: '0.049', conventions: tenYuan });
    expect(money(s, 1)).toEqual(['8151.67', '408.33', '8560.00', '91848.33']);
    expect(money(s, 12)).toEqual(['8478.34', '34.62', '8512.96', '0.00']);
    expect(s.totalPrincipal.toYuanString()).toBe('100000.00');
    expect(s.totalInterest.toYuanString()).toBe('2672.96');
    const up = build({ ...caseA, conventions: { ...tenYuan, installmentRounding: 'UP' } });
    expect(money(up, 1)).toEqual(['4060.00', '250.00', '4310.00', '45940.00']);
    expect(money(up, 12)).toEqual(['4206.59', '21.03', '4227.62', '0.00']);
  });

  it('at a zero rate: 1,000.00 over 3 months to 10 yuan is 330, 330, 340', () => {
    const s = build({
      method: 'EQUAL_INSTALLMENT',
      principal: Money.ofYuan('1000.00'),
      annualRate: '0',
      termMonths: 3,
      conventions: tenYuan,
    });
    expect(s.rows.map((r) => r.total.toYuanString())).toEqual(['330.00', '330.00', '340.00']);
  });

  it('with a long first period only the first row differs: a regular month of principal, its actual interest', () => {
    const s = build({ ...caseA, firstDueDate: d('2024-02-25'), conventions: tenYuan });
    // 1 month + 10 odd days: 50,000 × 6% × (1/12 + 10/360) = 333.33.
    expect(money(s, 1)).toEqual(['4050.00', '333.33', '4383.33', '45950.00']);
    expect(money(s, 2)).toEqual(['4070.25', '229.75', '4300.00', '41879.75']);
    expect(money(s, 12)).toEqual(['4319.38', '21.60', '4340.98', '0.00']);
    expect(s.rows[11].dueDate.toString()).toBe('2025-01-25');
  });

  it('a multiple of 1 fen is the default and builds the same rows', () => {
    const explicit = build({ ...caseA, conventions: { installmentMultipleFen: 1 } });
    expect(JSON.stringify(explicit.rows)).toBe(JSON.stringify(build(caseA).rows));
  });

  it.each<[string, Partial<ScheduleInput>, RegExp]>([
    [
      'clear the loan before maturity (1,000.00 over 60 months, 16.67 up to 17)',
      { annualRate: '0', termMonths: 60, conventions: { installmentMultipleFen: 100, installmentRounding: 'UP' } },
      /installment rounded to a multiple of 1\.00 yuan \(17\.00\) would repay the whole loan by row 59/,
    ],
    [
      'round the installment to nothing',
      { termMonths: 60, conventions: { installmentMultipleFen: 1_000_000 } },
      /\(0\.00\) would repay no principal on row 1/,
    ],
  ])('refuses a multiple that would %s, naming the convention', (_name, input, message) => {
    try {
      build({ method: 'EQUAL_INSTALLMENT', principal: Money.ofYuan('1000.00'), ...input });
      throw new Error('expected a BadInputError');
    } catch (error) {
      expect(error).toBeInstanceOf(BadInputError);
      const e = error as BadInputError;
      expect(e.code).toBe('INVALID_SCHEDULE_CONVENTION');
      expect(e.details).toEqual({ field: 'conventions.installmentMultipleFen' });
      expect(e.message).toMatch(message);
    }
  });

  it('other methods accept only the default multiple', () => {
    const s = build({ method: 'EQUAL_PRINCIPAL', conventions: { installmentMultipleFen: 1 } });
    expect(s.conventions.installmentMultipleFen).toBe(1);
    expect(build({ method: 'BULLET' }).conventions.installmentMultipleFen).toBe(1);
  });
});

describe('buildSchedule: validation', () => {
  const errorOf = (input: Partial<ScheduleInput>): BadInputError => {
    try {
      build({ method: 'EQUAL_PRINCIPAL', ...input } as ScheduleInput);
    } catch (error) {
      expect(error).toBeInstanceOf(BadInputError);
      return error as BadInputError;
    }
    throw new Error('expected a BadInputError');
  };
  const plan = (...entries: [number, string][]) => entries.map(([month, percent]) => ({ month, percent }));

  it.each<[string, Partial<ScheduleInput>, string]>([
    ['zero principal', { principal: Money.zero() }, 'principal'],
    ['negative principal', { principal: Money.ofYuan('-1.00') }, 'principal'],
    ['principal not Money', { principal: 100 as unknown as Money }, 'principal'],
    ['negative rate', { annualRate: '-0.01' }, 'annualRate'],
    ['rate given as percent', { annualRate: '4.35' }, 'annualRate'],
    ['rate not a decimal', { annualRate: '4.35%' }, 'annualRate'],
    ['term 0', { termMonths: 0 }, 'termMonths'],
    ['fractional term', { termMonths: 1.5 }, 'termMonths'],
    ['term too long', { termMonths: 601 }, 'termMonths'],
    ['unknown method', { method: 'BALLOON' as ScheduleInput['method'] }, 'method'],
    ['value date not a LocalDate', { valueDate: '2024-01-01' as unknown as LocalDate }, 'valueDate'],
    ['first due date on the value date', { firstDueDate: d('2024-01-15') }, 'firstDueDate'],
    ['first due date too far', { firstDueDate: d('2024-03-16') }, 'firstDueDate'],
    [
      'first due date for quarterly',
      { method: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY', firstDueDate: d('2024-02-15') },
      'firstDueDate',
    ],
    ['plan for another method', { principalPlan: plan([12, '100']) }, 'principalPlan'],
    ['unknown convention', { conventions: { daycount: '30_360' } as never }, 'conventions.daycount'],
    ['bad day count', { conventions: { dayCount: 'ACT_ACT' as never } }, 'conventions.dayCount'],
    ['bad basis', { conventions: { interestBasis: 'DAILY' as never } }, 'conventions.interestBasis'],
    ['bad rounding', { conventions: { rounding: 'HALF_DOWN' as never } }, 'conventions.rounding'],
    ['bad settlement day', { conventions: { settlementDay: 32 } }, 'conventions.settlementDay'],
    ['empty settlement months', { conventions: { settlementMonths: [] } }, 'conventions.settlementMonths'],
    ['settlement month 13', { conventions: { settlementMonths: [3, 13] } }, 'conventions.settlementMonths'],
    ['non-boolean flag', { conventions: { countMaturityDay: 'yes' as never } }, 'conventions.countMaturityDay'],
    ['a zero multiple', { conventions: { installmentMultipleFen: 0 } }, 'conventions.installmentMultipleFen'],
    ['a fractional multiple', { conventions: { installmentMultipleFen: 0.5 } }, 'conventions.installmentMultipleFen'],
    [
      'a multiple as text',
      { conventions: { installmentMultipleFen: '100' as never } },
      'conventions.installmentMultipleFen',
    ],
    [
      'a multiple too large',
      { conventions: { installmentMultipleFen: 1_000_001 } },
      'conventions.installmentMultipleFen',
    ],
    [
      'a multiple for 等额本金',
      { method: 'EQUAL_PRINCIPAL', conventions: { installmentMultipleFen: 100 } },
      'conventions.installmentMultipleFen',
    ],
    [
      'a multiple for bullet',
      { method: 'BULLET', conventions: { installmentMultipleFen: 1000 } },
      'conventions.installmentMultipleFen',
    ],
  ])('rejects %s', (_name, input, field) => {
    const error = errorOf(input);
    expect(error.details).toEqual({ field });
    expect(error.message.startsWith(field)).toBe(true);
  });

  it.each<[string, ScheduleInput['principalPlan'], string]>([
    ['a missing plan', undefined, 'principalPlan'],
    ['an empty plan', [], 'principalPlan'],
    ['percents not summing to 100', plan([6, '10'], [12, '80']), 'principalPlan'],
    ['a month beyond the term', plan([6, '50'], [13, '50']), 'principalPlan[1].month'],
    ['month 0', plan([0, '50'], [12, '50']), 'principalPlan[0].month'],
    ['a repeated month', plan([6, '50'], [6, '20'], [12, '30']), 'principalPlan[1].month'],
    ['a zero percent', plan([6, '0'], [12, '100']), 'principalPlan[0].percent'],
    ['a bad percent', plan([6, '10%'], [12, '90']), 'principalPlan[0].percent'],
    ['a plan ending before maturity', plan([6, '50'], [11, '50']), 'principalPlan'],
  ])('rejects a custom plan with %s', (_name, principalPlan, field) => {
    const error = errorOf({ method: 'CUSTOM_PRINCIPAL_PLAN', principalPlan });
    expect(error.code).toBe('INVALID_PRINCIPAL_PLAN');
    expect(error.details).toEqual({ field });
  });
});
