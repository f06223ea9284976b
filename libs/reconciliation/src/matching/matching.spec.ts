import { LocalDate } from '@mla/core';
import { installmentsSettledBy, postingReferenceOf, referencesOf, withinTolerance } from './match-rules';

describe('matching rules', () => {
  const dues = [
    { dueDate: '2026-11-20', owedFen: 434_792n },
    { dueDate: '2026-12-20', owedFen: 433_281n },
    { dueDate: '2027-01-20', owedFen: 431_771n },
  ];
  const on = (d: string) => LocalDate.parse(d);

  it('settles the oldest installment when the credit is exactly what it owes', () => {
    expect(installmentsSettledBy(dues, 434_792n, on('2026-11-18'), 10)).toBe(1);
  });

  it('settles several installments with one credit of exactly their sum', () => {
    expect(installmentsSettledBy(dues, 434_792n + 433_281n, on('2026-12-15'), 10)).toBe(2);
  });

  it('takes arrears paid long after they fell due', () => {
    expect(installmentsSettledBy(dues, 434_792n, on('2027-03-01'), 10)).toBe(1);
  });

  it('refuses an installment due later than the window, a sum of later ones, and any other amount', () => {
    expect(installmentsSettledBy(dues, 434_792n, on('2026-11-01'), 10)).toBe(0);
    expect(installmentsSettledBy(dues, 433_281n, on('2026-12-20'), 10)).toBe(0);
    expect(installmentsSettledBy(dues, 434_791n, on('2026-11-20'), 10)).toBe(0);
    expect(installmentsSettledBy([], 1n, on('2026-11-20'), 10)).toBe(0);
  });

  it('suggests amounts within 1% (at least one yuan) of what is owed', () => {
    expect(withinTolerance(434_792n - 4_347n, 434_792n)).toBe(true);
    expect(withinTolerance(434_792n - 4_348n, 434_792n)).toBe(false);
    expect(withinTolerance(5_000n - 100n, 5_000n)).toBe(true);
    expect(withinTolerance(5_000n - 101n, 5_000n)).toBe(false);
  });

  it('reads references from the line, its bank id and reference-like words of its text', () => {
    expect(
      referencesOf({ reference: 'LN001', bankTransactionId: 'T005', description: '还款 合同号 RCC-2026-1 本息' }),
    ).toEqual(['LN001', 'T005', 'RCC-2026-1']);
    expect(referencesOf({ reference: null, bankTransactionId: null, description: null })).toEqual([]);
  });

  it("posts under the line's keyed dedupe key, so that the same bank line posts once and no account shows", () => {
    expect(postingReferenceOf({ dedupeKey: 'ab'.repeat(32) })).toBe(`STMT-${'ab'.repeat(24)}`);
  });
});
