import { BadInputError } from '@mla/core';
import { SEED_POLICIES } from '../seed/seed-policies';
import { validatePolicyInput, type CreatePolicyInput } from './policy-input';

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
  });
});
