import fc from 'fast-check';
import { allocateRepayment, type OpenInstallment } from './allocate-repayment';

const inst = (number: number, penalty: number, interest: number, principal: number): OpenInstallment => ({
  id: `i${number}`,
  number,
  penaltyOwed: BigInt(penalty),
  interestOwed: BigInt(interest),
  principalOwed: BigInt(principal),
});

describe('allocateRepayment', () => {
  it('pays penalty, then interest, then principal of the oldest installment first', () => {
    const result = allocateRepayment([inst(2, 0, 500, 10_000), inst(1, 120, 500, 10_000)], 11_000n);
    expect(result.lines).toEqual([
      { installmentId: 'i1', number: 1, penalty: 120n, interest: 500n, principal: 10_000n },
      { installmentId: 'i2', number: 2, penalty: 0n, interest: 380n, principal: 0n },
    ]);
    expect(result.credit).toBe(0n);
  });

  it('keeps an overpayment as credit', () => {
    expect(allocateRepayment([inst(1, 0, 100, 1_000)], 1_500n).credit).toBe(400n);
  });

  it('can pay one component across installments first', () => {
    const result = allocateRepayment(
      [inst(1, 50, 100, 1_000), inst(2, 70, 100, 1_000)],
      320n,
      ['penalty', 'interest', 'principal'],
      true,
    );
    expect(result.lines.map((l) => [l.penalty, l.interest, l.principal])).toEqual([
      [50n, 100n, 0n],
      [70n, 100n, 0n],
    ]);
  });

  it('never allocates more than owed or paid, and loses no fen', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(10_000), fc.nat(100_000), fc.nat(1_000_000)), { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 1, max: 30_000_000 }),
        (rows, amount) => {
          const installments = rows.map(([p, i, pr], n) => inst(n + 1, p, i, pr));
          const { lines, credit } = allocateRepayment(installments, BigInt(amount));
          const allocated = lines.reduce((s, l) => s + l.penalty + l.interest + l.principal, 0n);
          expect(allocated + credit).toBe(BigInt(amount));
          for (const l of lines) {
            const owed = installments.find((i) => i.id === l.installmentId) as OpenInstallment;
            expect(
              l.penalty <= owed.penaltyOwed && l.interest <= owed.interestOwed && l.principal <= owed.principalOwed,
            ).toBe(true);
          }
          const totalOwed = installments.reduce((s, i) => s + i.penaltyOwed + i.interestOwed + i.principalOwed, 0n);
          expect(credit).toBe(BigInt(amount) > totalOwed ? BigInt(amount) - totalOwed : 0n);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
