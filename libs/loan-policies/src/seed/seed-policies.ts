import { Money } from '@mla/core';
import { BORROWER_CATEGORIES, BorrowerCategory } from '../policies/borrower-category';
import { EmployerKind } from '../policies/employer-kind';
import { OtherLoanKind } from '../policies/other-loan-kind';
import type { CreatePolicyInput } from '../policies/policy-input';
import { REPAYMENT_METHODS, RepaymentMethod } from '../policies/repayment-method';

const yuan = (value: string) => Money.ofYuan(value).fen;

const EXEMPT_OTHER_LOANS = [
  OtherLoanKind.STUDENT,
  OtherLoanKind.POVERTY_RELIEF,
  OtherLoanKind.HOUSING,
  OtherLoanKind.CAR,
  OtherLoanKind.SMALL_CONSUMER,
];

const PUBLIC_SECTOR = [EmployerKind.GOVERNMENT, EmployerKind.PUBLIC_INSTITUTION, EmployerKind.STATE_ENTERPRISE];

/** The Inner Mongolia (150000) policies the demo and the tests resolve against. */
export const SEED_POLICIES: readonly CreatePolicyInput[] = [
  {
    code: 'WOMEN-2009',
    name: '妇女创业小额担保贷款',
    legalBasis: '财金〔2009〕72号',
    jurisdictionRegionCode: '150000',
    effectiveFrom: '2009-07-27',
    effectiveTo: '2020-12-31',
    minAge: 18,
    maxAge: 55,
    maxAgePlusTermYears: null,
    individualMaxFen: yuan('80000'),
    partnershipPerPersonMaxFen: yuan('100000'),
    // The 2009 rule is only "100,000 per partner"; 125% of the members' 80,000 limits is the same amount, so the
    // percentage test never binds tighter than the per-person test when every partner has the full limit.
    partnershipTotalPercentOfMembers: '125',
    partnershipAbsoluteMaxFen: null,
    maxTermMonths: 24,
    extensionMaxMonths: 12,
    maxCumulativeLoans: 3,
    // There was no LPR in 2009: loans were priced off the PBOC benchmark rate and could float up to 3 percentage
    // points above it. 300 bp is kept as the cap over whichever base rate the caller supplies.
    rateCapBasisPointsOverLpr: 300,
    // Urban registered unemployed women and rural women (returning migrant workers, rural self-employed), plus
    // graduates and those with employment difficulty, mapped onto today's national categories.
    eligibleCategories: [
      BorrowerCategory.URBAN_REGISTERED_UNEMPLOYED,
      BorrowerCategory.EMPLOYMENT_DIFFICULTY,
      BorrowerCategory.GRADUATE,
      BorrowerCategory.RETURNING_MIGRANT_WORKER,
      BorrowerCategory.RURAL_SELF_EMPLOYED,
    ],
    womenOnly: true,
    // Local practice of the time: a counter-guarantee (often by a public employee) alongside the fund's guarantee.
    counterGuaranteeRequired: true,
    repaymentMethods: [
      RepaymentMethod.INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY,
      RepaymentMethod.INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY,
      RepaymentMethod.BULLET,
    ],
    otherLoanExemptKinds: EXEMPT_OTHER_LOANS,
    smallConsumerLoanMaxFen: yuan('50000'),
    excludedEmployers: PUBLIC_SECTOR,
    // Extension periods are never subsidised (extensionMaxMonths above); the subsidy context enforces it.
    subsidyRule: { kind: 'FULL_ACTUAL_INTEREST' },
  },
  {
    code: 'CEGL-2024',
    name: '创业担保贷款',
    legalBasis: '财金〔2023〕75号',
    jurisdictionRegionCode: '150000',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    minAge: 18,
    maxAge: 60,
    // Some places also require age + term ≤ 63; not configured here until the local rule is confirmed.
    maxAgePlusTermYears: null,
    individualMaxFen: yuan('300000'),
    // 110% of 300,000: the binding partnership limit is the percentage of the members' limits and the cap below.
    partnershipPerPersonMaxFen: yuan('330000'),
    partnershipTotalPercentOfMembers: '110',
    partnershipAbsoluteMaxFen: yuan('4000000'),
    maxTermMonths: 36,
    extensionMaxMonths: 12,
    maxCumulativeLoans: 3,
    rateCapBasisPointsOverLpr: 150,
    eligibleCategories: [...BORROWER_CATEGORIES],
    womenOnly: false,
    counterGuaranteeRequired: false,
    repaymentMethods: [...REPAYMENT_METHODS],
    otherLoanExemptKinds: EXEMPT_OTHER_LOANS,
    smallConsumerLoanMaxFen: yuan('50000'),
    excludedEmployers: PUBLIC_SECTOR,
    subsidyRule: {
      kind: 'PERCENT_OF_ACTUAL_INTEREST',
      percent: '50',
      fundingShares: { central: '0.75', provincial: '0.10', city: '0', county: '0.15' },
    },
  },
];
