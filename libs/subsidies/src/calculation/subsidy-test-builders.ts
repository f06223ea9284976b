import type { SubsidyRule } from '@mla/loan-policies';
import type { SubsidyInstallmentFacts, SubsidyLineInput, SubsidyLoanFacts } from './subsidy-facts';

/** Case D of the reference cases: 200,000.00 at 4.95%, Act/360, value date 2024-01-10, LPR 3.45%. */
export const CASE_D_LOAN: SubsidyLoanFacts = {
  loanId: '00000000-0000-4000-8000-00000000000d',
  principalFen: 20_000_000n,
  annualRate: '0.049500',
  lprPercent: '3.4500',
  lprEffectiveDate: '2023-12-20',
  signingDate: '2024-01-05',
  valueDate: '2024-01-10',
  dayCount: 'ACT_360',
};

export const RULE_2020: SubsidyRule = {
  kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
  borrowerBearsLprMinusBasisPoints: 150,
};
export const RULE_HALF: SubsidyRule = { kind: 'PERCENT_OF_ACTUAL_INTEREST', percent: '50' };
export const RULE_FULL: SubsidyRule = { kind: 'FULL_ACTUAL_INTEREST' };

/** An installment paid in full on its due date unless told otherwise. */
export function installment(
  number: number,
  periodStart: string,
  periodEnd: string,
  days: number,
  interestDueFen: bigint,
  more: Partial<SubsidyInstallmentFacts> = {},
): SubsidyInstallmentFacts {
  const dueDate = more.dueDate ?? periodEnd;
  return {
    number,
    periodStart,
    periodEnd,
    dueDate,
    days,
    principalBasisFen: CASE_D_LOAN.principalFen,
    interestDueFen,
    subsidisable: true,
    interestCollections: [{ valueDate: dueDate, fen: interestDueFen }],
    ...more,
  };
}

/** Case D's quarterly installments (interest only), each paid on its due date. */
export const CASE_D_INSTALLMENTS = [
  installment(1, '2024-01-10', '2024-03-20', 71, 195_250n),
  installment(2, '2024-03-21', '2024-06-20', 92, 253_000n),
];

export const Q1 = { start: '2024-01-10', end: '2024-03-20', settlementDate: '2024-03-20' };
export const Q2 = { start: '2024-03-21', end: '2024-06-20', settlementDate: '2024-06-20' };

export function lineInput(
  rule: SubsidyRule,
  period: SubsidyLineInput['period'],
  more: Partial<SubsidyLineInput> = {},
): SubsidyLineInput {
  return {
    loan: CASE_D_LOAN,
    policy: { id: '00000000-0000-4000-8000-0000000000aa', version: 1, subsidyRule: rule },
    period,
    installments: CASE_D_INSTALLMENTS,
    asOf: '2024-07-01',
    ...more,
  };
}
