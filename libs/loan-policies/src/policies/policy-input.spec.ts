import { BadInputError } from '@mla/core';
import { SEED_POLICIES } from '../seed/seed-policies';
import { validatePolicyInput, type CreatePolicyInput } from './policy-input';
import { resolveSubsidyRule } from './subsidy-rule';

const CEGL = SEED_POLICIES.find((p) => p.code === 'CEGL-2024') as CreatePolicyInput;

function problemsOf(input: CreatePolicyInput): Record<string, string[]> {
  try {
    validatePolicyInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).code).toBe('INVALID_POLICY');
    const details = (error as BadInputError).details as { field: string; problems: string[] }[];
    return Object.fromEntries(details.map((d) => [d.field, d.problems]));
  }
  throw new Error('expected the input to be refused');
}

const withRule = (subsidyRule: unknown): CreatePolicyInput => ({ ...CEGL, subsidyRule: subsidyRule as never });

describe('validatePolicyInput', () => {
  it.each(SEED_POLICIES.map((p) => [p.code, p]))('accepts the seed policy %s', (_, input) => {
    const values = validatePolicyInput(input);
    expect(values).toMatchObject({ code: input.code, jurisdictionRegionCode: '150000' });
  });

  it('normalises optional fields to null', () => {
    const { legalBasis: _l, effectiveTo: _t, ...rest } = CEGL;
    const values = validatePolicyInput({ ...rest, maxAgePlusTermYears: null, partnershipAbsoluteMaxFen: null });
    expect(values).toMatchObject({ legalBasis: null, effectiveTo: null, partnershipAbsoluteMaxFen: null });
  });

  it('names every bad field at once', () => {
    const problems = problemsOf({
      ...CEGL,
      code: 'cegl 2024',
      name: ' ',
      jurisdictionRegionCode: '15',
      effectiveFrom: '2024-02-30',
      minAge: 70,
      maxAge: 60,
      individualMaxFen: 0n,
      partnershipTotalPercentOfMembers: '110.555',
      maxTermMonths: 0,
      rateCapBasisPointsOverLpr: -1,
      eligibleCategories: ['VETERAN', 'ASTRONAUT'],
      repaymentMethods: [],
      excludedEmployers: ['GOVERNMENT', 'GOVERNMENT'],
      womenOnly: 'yes' as never,
    });
    expect(Object.keys(problems).sort()).toEqual(
      [
        'code',
        'name',
        'jurisdictionRegionCode',
        'effectiveFrom',
        'maxAge',
        'individualMaxFen',
        'partnershipTotalPercentOfMembers',
        'maxTermMonths',
        'rateCapBasisPointsOverLpr',
        'eligibleCategories',
        'repaymentMethods',
        'excludedEmployers',
        'womenOnly',
      ].sort(),
    );
    expect(problems.eligibleCategories[0]).toContain('ASTRONAUT');
    expect(problems.maxAge).toEqual(['must not be below minAge']);
  });

  it('refuses an end before the start', () => {
    expect(problemsOf({ ...CEGL, effectiveFrom: '2024-01-01', effectiveTo: '2023-12-31' })).toEqual({
      effectiveTo: ['must not be before effectiveFrom 2024-01-01'],
    });
  });

  describe('subsidy rule', () => {
    it('requires the field of its kind and refuses the fields of other kinds', () => {
      expect(problemsOf(withRule({ kind: 'PERCENT_OF_ACTUAL_INTEREST' }))).toHaveProperty(['subsidyRule.percent']);
      expect(problemsOf(withRule({ kind: 'FULL_ACTUAL_INTEREST', percent: '50' }))).toEqual({
        'subsidyRule.percent': ['applies only to PERCENT_OF_ACTUAL_INTEREST'],
      });
      expect(problemsOf(withRule({ kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE' }))).toHaveProperty([
        'subsidyRule.borrowerBearsLprMinusBasisPoints',
      ]);
      expect(problemsOf(withRule({ kind: 'HALF' }))).toHaveProperty(['subsidyRule.kind']);
      expect(problemsOf(withRule({ kind: 'FULL_ACTUAL_INTEREST', extra: 1 }))).toHaveProperty(['subsidyRule.extra']);
      expect(problemsOf(withRule({ kind: 'PERCENT_OF_ACTUAL_INTEREST', percent: '100.01' }))).toHaveProperty([
        'subsidyRule.percent',
      ]);
    });

    it('accepts each kind with a taper', () => {
      const rule = {
        kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
        borrowerBearsLprMinusBasisPoints: 150,
        taper: ['1', '0.6667', '0.3333'],
      };
      expect(validatePolicyInput(withRule(rule)).subsidyRule).toEqual(rule);
    });

    it('refuses taper entries outside 0–1', () => {
      expect(problemsOf(withRule({ kind: 'FULL_ACTUAL_INTEREST', taper: ['1', '1.5', 'x'] }))).toEqual({
        'subsidyRule.taper[1]': ["must be a decimal string from 0 to 1, e.g. '0.6667'"],
        'subsidyRule.taper[2]': ["must be a decimal string from 0 to 1, e.g. '0.6667'"],
      });
      expect(problemsOf(withRule({ kind: 'FULL_ACTUAL_INTEREST', taper: [] }))).toHaveProperty(['subsidyRule.taper']);
    });

    it('requires funding shares that sum to exactly 1', () => {
      const shares = (central: string) => ({
        kind: 'FULL_ACTUAL_INTEREST',
        fundingShares: { central, provincial: '0.25', city: '0', county: '0.25' },
      });
      expect(validatePolicyInput(withRule(shares('0.50'))).subsidyRule.fundingShares).toEqual({
        central: '0.50',
        provincial: '0.25',
        city: '0',
        county: '0.25',
      });
      expect(problemsOf(withRule(shares('0.4999')))).toEqual({
        'subsidyRule.fundingShares': ['must sum to exactly 1, got 0.9999'],
      });
      expect(
        problemsOf(withRule({ kind: 'FULL_ACTUAL_INTEREST', fundingShares: { central: '1', town: '0' } })),
      ).toMatchObject({
        'subsidyRule.fundingShares.town': ['is not a budget level'],
        'subsidyRule.fundingShares.provincial': ["must be a decimal string from 0 to 1, e.g. '0.75'"],
      });
    });

    const FULL_OPTIONS = {
      kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
      borrowerBearsLprMinusBasisPoints: 150,
      amountCapFen: '20000000',
      rateCapBasisPointsOverLpr: 150,
      rateCapAnnualPercent: '4.95',
      termCapMonths: 36,
      extensionSubsidisedFrom: '2024-01-01',
      extensionSubsidisedUntil: '2024-12-31',
      onTimeGraceDays: 3,
      paymentMode: 'REIMBURSE_AFTER_PAYMENT',
      payee: 'BANK_ACCOUNT',
      settlementMonths: [6, 12],
      settlementDay: 21,
      claimDeadlineWorkingDays: 10,
      reviewDeadlineWorkingDays: 5,
      paymentDeadlineWorkingDays: 5,
    };

    it('accepts caps, the extension exception, payment, the calendar and deadlines, and keeps them', () => {
      expect(validatePolicyInput(withRule(FULL_OPTIONS)).subsidyRule).toEqual(FULL_OPTIONS);
    });

    it('keeps an old rule without the new fields valid, and resolves their defaults', () => {
      const rule = validatePolicyInput(withRule({ kind: 'FULL_ACTUAL_INTEREST' })).subsidyRule;
      expect(rule).toEqual({ kind: 'FULL_ACTUAL_INTEREST' });
      expect(resolveSubsidyRule(rule)).toMatchObject({
        amountCapFen: null,
        rateCapBasisPointsOverLpr: null,
        rateCapAnnualPercent: null,
        termCapMonths: null,
        extensionSubsidisedFrom: null,
        onTimeGraceDays: 0,
        paymentMode: 'REIMBURSE_AFTER_PAYMENT',
        payee: 'BORROWER_ACCOUNT',
        settlementMonths: [3, 6, 9, 12],
        settlementDay: 20,
        claimDeadlineWorkingDays: 10,
        reviewDeadlineWorkingDays: 5,
        paymentDeadlineWorkingDays: 5,
        fundingShares: { central: '0', provincial: '0', city: '0', county: '1' },
      });
      expect(resolveSubsidyRule(FULL_OPTIONS as never).amountCapFen).toBe(20_000_000n);
      // null reads as "not set"
      expect(validatePolicyInput(withRule({ kind: 'FULL_ACTUAL_INTEREST', termCapMonths: null })).subsidyRule).toEqual({
        kind: 'FULL_ACTUAL_INTEREST',
      });
    });

    it('names every bad option', () => {
      expect(
        problemsOf(
          withRule({
            kind: 'FULL_ACTUAL_INTEREST',
            amountCapFen: 200000,
            rateCapBasisPointsOverLpr: -1,
            rateCapAnnualPercent: '0',
            termCapMonths: 0,
            extensionSubsidisedFrom: '2024-02-30',
            onTimeGraceDays: 1.5,
            paymentMode: 'PREPAID',
            payee: 'FUND',
            settlementMonths: [12, 6],
            settlementDay: 32,
            claimDeadlineWorkingDays: 0,
          }),
        ),
      ).toEqual({
        'subsidyRule.amountCapFen': ["must be a whole number of fen above zero, as a string, e.g. '20000000'"],
        'subsidyRule.rateCapBasisPointsOverLpr': ['must be an integer from 0 to 10000 (basis points over the LPR)'],
        'subsidyRule.rateCapAnnualPercent': [
          "must be an annual percentage above 0 with at most 4 decimals, e.g. '4.95'",
        ],
        'subsidyRule.termCapMonths': ['must be an integer from 1 to 360 (months)'],
        'subsidyRule.extensionSubsidisedFrom': ['must be an existing date YYYY-MM-DD'],
        'subsidyRule.onTimeGraceDays': ['must be an integer from 0 to 90 (calendar days)'],
        'subsidyRule.paymentMode': ['must be one of REIMBURSE_AFTER_PAYMENT'],
        'subsidyRule.payee': ['must be one of BORROWER_ACCOUNT, BANK_ACCOUNT'],
        'subsidyRule.settlementMonths': [
          'must list months 1–12 in increasing order without repeats, e.g. [3, 6, 9, 12]',
        ],
        'subsidyRule.settlementDay': ['must be an integer from 1 to 31 (day of the month, clamped to its end)'],
        'subsidyRule.claimDeadlineWorkingDays': ['must be an integer from 1 to 60 (working days)'],
      });
    });

    it('needs the start of the extension exception before its end', () => {
      expect(problemsOf(withRule({ kind: 'FULL_ACTUAL_INTEREST', extensionSubsidisedUntil: '2024-12-31' }))).toEqual({
        'subsidyRule.extensionSubsidisedUntil': ['needs extensionSubsidisedFrom'],
      });
      expect(
        problemsOf(
          withRule({
            kind: 'FULL_ACTUAL_INTEREST',
            extensionSubsidisedFrom: '2025-01-01',
            extensionSubsidisedUntil: '2024-12-31',
          }),
        ),
      ).toEqual({ 'subsidyRule.extensionSubsidisedUntil': ['must not be before extensionSubsidisedFrom 2025-01-01'] });
    });
  });
});
