import { DomainError } from '@mla/core';
import { assertAvailable, balanceOf } from './budget-rules';
import { BudgetEntryKind } from './budget-entry-kind';
import { FundingLevel } from './funding-level';

const key = { regionCode: '150221', fiscalYear: 2026, fundingLevel: FundingLevel.COUNTY };

describe('budget figures', () => {
  it('derives available and outstanding from the signed totals, to the fen', () => {
    const balance = balanceOf({
      [BudgetEntryKind.ALLOCATION]: 20_000_000n,
      [BudgetEntryKind.TOP_UP]: 500_001n,
      [BudgetEntryKind.COMMITMENT]: -1_200_333n,
      [BudgetEntryKind.RELEASE]: 100_000n,
      [BudgetEntryKind.PAYOUT]: 800_000n,
    });
    expect(balance).toEqual({
      allocatedFen: 20_000_000n,
      toppedUpFen: 500_001n,
      committedFen: 1_200_333n,
      releasedFen: 100_000n,
      paidFen: 800_000n,
      availableFen: 19_399_668n,
      outstandingFen: 300_333n,
    });
  });

  it('refuses one fen more than is available, with the figures in the details', () => {
    const balance = balanceOf({ [BudgetEntryKind.ALLOCATION]: 10_000n, [BudgetEntryKind.COMMITMENT]: -3_000n });
    expect(() => assertAvailable(key, balance, 7_000n)).not.toThrow();
    let error: unknown;
    try {
      assertAvailable(key, balance, 7_001n);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { fundingLevel: 'COUNTY', fiscalYear: 2026, availableYuan: '70.00', requestedYuan: '70.01' },
    });
  });
});
