import { emptyFigures, periodFigures, type Figures } from '../snapshots/figures';
import { FORMULAS, FormulaCode, ratesOf } from './formulas';
import { fenToWanYuan, isBelow, percentOf, rateOf, ratioFromDecimal } from './ratio';

const Y = (yuan: number): bigint => BigInt(Math.round(yuan * 100));

function figures(values: Partial<Figures>): Figures {
  return { ...emptyFigures(), ...values };
}

/**
 * A small portfolio worked by hand, at the end of March (quarter days given as daily figures):
 * - loan A 100,000 yuan: 1,000 interest due 03-20, paid 03-20 (on time);
 * - loan B 50,000 yuan: 500 interest due 03-20, paid 03-25 (late); a 10,000 principal installment due 02-19 unpaid
 *   (40 days late at 03-31: in PAR30, not PAR90), so its whole 50,000 outstanding is at risk;
 * - loan C 20,000 yuan: 20,000 principal + 300 interest due 01-01, unpaid (89 days late: PAR30, not PAR90);
 * - loan D 10,000 yuan lent earlier, compensated 8,000 by the fund (no longer outstanding), 2,000 recovered since.
 */
const march20 = figures({ dueFen: Y(1_500), dueRepaidOnTimeFen: Y(1_000) });
const feb19 = figures({ dueFen: Y(10_000), dueRepaidOnTimeFen: 0n });
const jan01 = figures({ dueFen: Y(20_300), dueRepaidOnTimeFen: 0n });
const march31 = figures({
  outstandingFen: Y(100_000 + 50_000 + 20_000),
  overduePrincipalFen: Y(10_000 + 20_000),
  par30Fen: Y(50_000 + 20_000),
  par90Fen: 0n,
  cumDueFen: Y(1_500 + 10_000 + 20_300),
  cumCollectedFen: Y(1_000 + 500),
  cumLoansMadeFen: Y(100_000 + 50_000 + 20_000 + 10_000),
  cumCompensatedFen: Y(8_000),
  cumRecoveredFen: Y(2_000),
});
const quarter = periodFigures([jan01, feb19, march20, march31]);

describe('rate formulas on a hand-computed portfolio', () => {
  it('到期还款率: repaid by the due date over amount falling due in the period', () => {
    // 1,000 on time of 1,500 + 10,000 + 20,300 = 31,800 due → 3.14465…%
    expect(FORMULAS[FormulaCode.REPAYMENT_RATE_AT_MATURITY].compute(quarter)).toEqual(rateOf(Y(1_000), Y(31_800)));
    expect(percentOf(ratesOf(quarter)[FormulaCode.REPAYMENT_RATE_AT_MATURITY])).toBe('3.14');
    // March alone: 1,000 of 1,500.
    expect(percentOf(ratesOf(periodFigures([march20, march31])).REPAYMENT_RATE_AT_MATURITY)).toBe('66.67');
  });

  it('回收率: cumulative collected over cumulative due, at the end of the period', () => {
    // The late 500 counts here (collected), not in the rate at maturity: 1,500 / 31,800.
    expect(percentOf(ratesOf(quarter).COLLECTION_RATE, 4)).toBe('4.7170');
  });

  it('逾期率: overdue principal over outstanding principal', () => {
    expect(percentOf(ratesOf(quarter).OVERDUE_RATE)).toBe('17.65'); // 30,000 / 170,000
  });

  it('PAR30 and PAR90: outstanding principal of loans over N days late over all outstanding', () => {
    expect(percentOf(ratesOf(quarter).PAR30)).toBe('41.18'); // 70,000 / 170,000
    expect(percentOf(ratesOf(quarter).PAR90)).toBe('0.00');
  });

  it('代偿率 and 追偿率', () => {
    expect(percentOf(ratesOf(quarter).COMPENSATION_RATE, 4)).toBe('4.4444'); // 8,000 / 180,000
    expect(percentOf(ratesOf(quarter).RECOVERY_RATE)).toBe('25.00'); // 2,000 / 8,000
  });

  it('an empty period: every rate is not applicable, never 0% or 100%', () => {
    const rates = ratesOf(periodFigures([]));
    for (const code of Object.values(FormulaCode)) expect(rates[code]).toBeNull();
    expect(percentOf(rates.REPAYMENT_RATE_AT_MATURITY)).toBeNull();
  });

  it('a period with nothing due but loans outstanding: only the rates of amounts due are not applicable', () => {
    const rates = ratesOf(periodFigures([figures({ outstandingFen: Y(100), cumLoansMadeFen: Y(100) })]));
    expect(rates.REPAYMENT_RATE_AT_MATURITY).toBeNull();
    expect(rates.COLLECTION_RATE).toBeNull();
    expect(rates.RECOVERY_RATE).toBeNull();
    expect(percentOf(rates.PAR30)).toBe('0.00');
    expect(percentOf(rates.COMPENSATION_RATE)).toBe('0.00');
  });

  it('every formula documents its name, formula, numerator and denominator in both languages', () => {
    for (const code of Object.values(FormulaCode)) {
      const f = FORMULAS[code];
      for (const label of [f.name, f.formula, f.numerator, f.denominator]) {
        expect(label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(label.en).toMatch(/[a-z]/);
      }
    }
  });
});

describe('ratio helpers', () => {
  it('rounds percentages half up, exactly', () => {
    expect(percentOf(rateOf(1n, 8n), 1)).toBe('12.5');
    expect(percentOf(rateOf(1n, 8n), 0)).toBe('13');
    expect(percentOf(rateOf(2n, 3n), 2)).toBe('66.67');
    expect(percentOf(rateOf(1n, 1n))).toBe('100.00');
  });

  it('compares a rate with a target without floats', () => {
    expect(isBelow(rateOf(94n, 100n), ratioFromDecimal('0.95'))).toBe(true);
    expect(isBelow(rateOf(95n, 100n), ratioFromDecimal('0.95'))).toBe(false);
    expect(isBelow(null, ratioFromDecimal('1'))).toBe(false);
  });

  it('prints fen as 万元 with 4 decimals', () => {
    expect(fenToWanYuan(2_000_000_000n)).toBe('2000.0000'); // 20,000,000 yuan
    expect(fenToWanYuan(123_456_789n)).toBe('123.4568');
    expect(fenToWanYuan(49n)).toBe('0.0000');
    expect(fenToWanYuan(50n)).toBe('0.0001');
  });
});
