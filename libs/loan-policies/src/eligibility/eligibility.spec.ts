import { LocalDate, Money } from '@mla/core';
import type { PolicyRules } from '../policies/policy-rules';
import { SEED_POLICIES } from '../seed/seed-policies';
import { checkEligibility, overallOutcome } from './eligibility';
import { ELIGIBILITY_RULES, type EligibilityCheck, type EligibilityInput } from './eligibility-types';

const fen = (yuan: string) => Money.ofYuan(yuan).fen;
const date = (iso: string) => LocalDate.parse(iso);

const WOMEN_2009: PolicyRules = SEED_POLICIES.find((p) => p.code === 'WOMEN-2009') as PolicyRules;
const CEGL_2024: PolicyRules = SEED_POLICIES.find((p) => p.code === 'CEGL-2024') as PolicyRules;

const ON = date('2025-01-01');

/** A 34-year-old woman asking for 50,000 over 24 months: passes every rule of both seed policies. */
function applicant(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    birthDate: date('1990-03-15'),
    sex: 'F',
    category: 'RURAL_SELF_EMPLOYED',
    employment: { publicSector: false, employerKind: null },
    amountFen: fen('50000'),
    termMonths: 24,
    repaymentMethod: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
    partnershipMembers: null,
    priorProgrammeLoans: { count: 0, outstanding: false },
    otherLoans: [],
    requestedRatePercent: null,
    lprPercent: null,
    ...overrides,
  };
}

function policy(overrides: Partial<PolicyRules> = {}, base: PolicyRules = CEGL_2024): PolicyRules {
  return { ...base, ...overrides };
}

function ruleOf(checks: EligibilityCheck[], rule: string): EligibilityCheck {
  const found = checks.find((c) => c.rule === rule);
  if (!found) throw new Error(`no row for ${rule}`);
  return found;
}

function run(
  input: Partial<EligibilityInput>,
  rule: string,
  rules: PolicyRules = CEGL_2024,
  onDate: LocalDate = ON,
): EligibilityCheck {
  return ruleOf(checkEligibility(applicant(input), rules, onDate), rule);
}

describe('checkEligibility', () => {
  describe('every rule reports', () => {
    it.each([
      ['CEGL-2024', CEGL_2024],
      ['WOMEN-2009', WOMEN_2009],
    ])('returns one PASS row per rule, in order, for a clean application under %s', (_, rules) => {
      const checks = checkEligibility(applicant(), rules, date('2015-06-01'));
      expect(checks.map((c) => c.rule)).toEqual(ELIGIBILITY_RULES);
      expect(checks.map((c) => c.outcome)).toEqual(ELIGIBILITY_RULES.map(() => 'PASS'));
      for (const c of checks) {
        expect(c.messageZh).not.toBe('');
        expect(c.messageEn).not.toBe('');
        expect(c.code).toMatch(/^[A-Z_]+$/);
      }
      expect(overallOutcome(checks)).toBe('PASS');
    });

    it('still returns every row when everything fails', () => {
      const checks = checkEligibility(
        applicant({
          birthDate: date('2010-01-01'),
          category: null,
          employment: { publicSector: true },
          amountFen: fen('999999'),
          termMonths: 99,
          repaymentMethod: 'WHATEVER',
          priorProgrammeLoans: { count: 3, outstanding: true },
          otherLoans: [{ holder: 'SPOUSE', kind: 'BUSINESS', outstandingFen: fen('1') }],
          requestedRatePercent: '9.99',
          lprPercent: '3.45',
        }),
        policy({ maxAgePlusTermYears: 60 }),
        ON,
      );
      expect(checks).toHaveLength(ELIGIBILITY_RULES.length);
      expect(checks.filter((c) => c.outcome === 'FAIL').map((c) => c.rule)).toEqual(
        ELIGIBILITY_RULES.filter((r) => r !== 'WOMEN_LINE_SEX' && r !== 'AGE_PLUS_TERM'),
      );
      expect(overallOutcome(checks)).toBe('FAIL');
    });
  });

  describe('AGE_BAND (18–60 under CEGL-2024, 18–55 on the women line)', () => {
    it('fails the day before the 18th birthday and passes on it', () => {
      const input = { birthDate: date('2006-06-15') };
      const before = run(input, 'AGE_BAND', CEGL_2024, date('2024-06-14'));
      expect(before).toMatchObject({
        outcome: 'FAIL',
        code: 'AGE_BAND',
        details: { age: 17, reason: 'BELOW_MIN_AGE' },
      });
      expect(before.messageZh).toBe('年龄 17 岁，低于最低年龄 18 岁');
      expect(run(input, 'AGE_BAND', CEGL_2024, date('2024-06-15'))).toMatchObject({
        outcome: 'PASS',
        details: { age: 18 },
      });
    });

    it('passes the day before the 61st birthday and fails on it', () => {
      const input = { birthDate: date('1964-06-15') };
      expect(run(input, 'AGE_BAND', CEGL_2024, date('2025-06-14'))).toMatchObject({
        outcome: 'PASS',
        details: { age: 60 },
      });
      const on = run(input, 'AGE_BAND', CEGL_2024, date('2025-06-15'));
      expect(on).toMatchObject({ outcome: 'FAIL', details: { age: 61, reason: 'ABOVE_MAX_AGE' } });
      expect(on.messageEn).toBe('Age 61 is above the maximum age of 60');
    });

    it('uses the women line band of 18–55', () => {
      const input = { birthDate: date('1960-01-10') };
      expect(run(input, 'AGE_BAND', WOMEN_2009, date('2016-01-09'))).toMatchObject({
        outcome: 'PASS',
        details: { age: 55 },
      });
      expect(run(input, 'AGE_BAND', WOMEN_2009, date('2016-01-10'))).toMatchObject({
        outcome: 'FAIL',
        details: { age: 56 },
      });
    });

    it('counts a 29 February birthday as reached on 28 February in common years', () => {
      const input = { birthDate: date('2004-02-29') };
      expect(run(input, 'AGE_BAND', CEGL_2024, date('2022-02-27')).outcome).toBe('FAIL');
      expect(run(input, 'AGE_BAND', CEGL_2024, date('2022-02-28')).outcome).toBe('PASS');
    });

    it('fails a birth date after the check date instead of throwing', () => {
      expect(run({ birthDate: date('2025-01-02') }, 'AGE_BAND')).toMatchObject({
        outcome: 'FAIL',
        details: { reason: 'BIRTH_DATE_AFTER_CHECK_DATE' },
      });
    });
  });

  describe('AGE_PLUS_TERM', () => {
    it('passes with a note when the policy sets no limit', () => {
      const row = run({ birthDate: date('1964-06-15'), termMonths: 36 }, 'AGE_PLUS_TERM');
      expect(row).toMatchObject({ outcome: 'PASS', details: { limit: null } });
      expect(row.messageEn).toContain('no age-plus-term limit');
    });

    it('checks the age on the maturity date, to the day', () => {
      const rules = policy({ maxAgePlusTermYears: 60 });
      const onDate = date('2024-01-01');
      // Maturity 2027-01-01: born 1966-01-02 is still 60 that day; born 1966-01-01 turns 61 on it.
      expect(run({ birthDate: date('1966-01-02'), termMonths: 36 }, 'AGE_PLUS_TERM', rules, onDate)).toMatchObject({
        outcome: 'PASS',
        details: { maturityDate: '2027-01-01', ageAtMaturity: 60, limit: 60 },
      });
      const fail = run({ birthDate: date('1966-01-01'), termMonths: 36 }, 'AGE_PLUS_TERM', rules, onDate);
      expect(fail).toMatchObject({ outcome: 'FAIL', details: { ageAtMaturity: 61 } });
      expect(fail.messageZh).toBe('贷款到期日 2027-01-01 时年龄 61 岁，超过年龄加贷款期限上限 60 岁');
    });

    it('fails when the term makes it impossible to evaluate', () => {
      expect(run({ termMonths: 0 }, 'AGE_PLUS_TERM', policy({ maxAgePlusTermYears: 60 }))).toMatchObject({
        outcome: 'FAIL',
        details: { reason: 'CANNOT_EVALUATE' },
      });
    });
  });

  describe('CATEGORY_ELIGIBLE', () => {
    it('passes a listed category and names it in Chinese', () => {
      const row = run({ category: 'VETERAN' }, 'CATEGORY_ELIGIBLE');
      expect(row.outcome).toBe('PASS');
      expect(row.messageZh).toContain('复员转业退役军人');
    });

    it('fails a category the policy does not list', () => {
      const row = run({ category: 'ONLINE_MERCHANT' }, 'CATEGORY_ELIGIBLE', WOMEN_2009, date('2015-06-01'));
      expect(row).toMatchObject({ outcome: 'FAIL', details: { reason: 'NOT_ELIGIBLE', category: 'ONLINE_MERCHANT' } });
      expect(row.messageZh).toContain('网络商户');
    });

    it('fails when no category has been determined', () => {
      expect(run({ category: null }, 'CATEGORY_ELIGIBLE')).toMatchObject({
        outcome: 'FAIL',
        details: { reason: 'NO_CATEGORY' },
      });
    });
  });

  describe("WOMEN_LINE_SEX (a man on the women's line is a warning, never a failure)", () => {
    it('warns for a male sex digit on the women line, and nothing fails because of it', () => {
      const checks = checkEligibility(applicant({ sex: 'M' }), WOMEN_2009, date('2015-06-01'));
      expect(ruleOf(checks, 'WOMEN_LINE_SEX')).toMatchObject({ outcome: 'WARN', code: 'WOMEN_LINE_SEX' });
      expect(checks.filter((c) => c.outcome === 'FAIL')).toEqual([]);
      expect(overallOutcome(checks)).toBe('WARN');
    });

    it('passes a woman on the women line and anyone where the policy is open to all', () => {
      expect(run({ sex: 'F' }, 'WOMEN_LINE_SEX', WOMEN_2009).outcome).toBe('PASS');
      expect(run({ sex: 'M' }, 'WOMEN_LINE_SEX', CEGL_2024).outcome).toBe('PASS');
    });
  });

  describe('PUBLIC_SECTOR_EMPLOYMENT', () => {
    it('fails a public-sector job', () => {
      expect(run({ employment: { publicSector: true } }, 'PUBLIC_SECTOR_EMPLOYMENT')).toMatchObject({
        outcome: 'FAIL',
        details: { reason: 'PUBLIC_SECTOR' },
      });
    });

    it('fails an employer kind the policy excludes, and passes one it does not', () => {
      const excluded = run(
        { employment: { publicSector: false, employerKind: 'STATE_ENTERPRISE' } },
        'PUBLIC_SECTOR_EMPLOYMENT',
      );
      expect(excluded).toMatchObject({ outcome: 'FAIL', details: { reason: 'EXCLUDED_EMPLOYER' } });
      expect(excluded.messageZh).toContain('国有企业');
      expect(
        run({ employment: { publicSector: false, employerKind: 'PRIVATE_ENTERPRISE' } }, 'PUBLIC_SECTOR_EMPLOYMENT')
          .outcome,
      ).toBe('PASS');
    });
  });

  describe('AMOUNT_WITHIN_INDIVIDUAL_MAX', () => {
    it('passes exactly the maximum and fails one fen over', () => {
      const exact = run({ amountFen: fen('300000.00') }, 'AMOUNT_WITHIN_MAX');
      expect(exact).toMatchObject({ outcome: 'PASS', code: 'AMOUNT_WITHIN_INDIVIDUAL_MAX' });
      const over = run({ amountFen: fen('300000.01') }, 'AMOUNT_WITHIN_MAX');
      expect(over).toMatchObject({ outcome: 'FAIL', code: 'AMOUNT_WITHIN_INDIVIDUAL_MAX' });
      expect(over.messageZh).toBe('申请金额 300000.01 元，超过个人贷款上限 300000.00 元');
      expect(over.messageEn).toBe('Requested amount 300000.01 yuan exceeds the individual maximum of 300000.00 yuan');
    });

    it('uses the 80,000 limit of the women line', () => {
      expect(run({ amountFen: fen('80000') }, 'AMOUNT_WITHIN_MAX', WOMEN_2009).outcome).toBe('PASS');
      expect(run({ amountFen: fen('80000.01') }, 'AMOUNT_WITHIN_MAX', WOMEN_2009).outcome).toBe('FAIL');
    });

    it('fails a zero amount', () => {
      expect(run({ amountFen: 0n }, 'AMOUNT_WITHIN_MAX')).toMatchObject({
        outcome: 'FAIL',
        details: { reason: 'NOT_POSITIVE' },
      });
    });

    it('treats an empty member list as an individual loan', () => {
      expect(run({ partnershipMembers: [] }, 'AMOUNT_WITHIN_MAX').code).toBe('AMOUNT_WITHIN_INDIVIDUAL_MAX');
    });
  });

  describe('AMOUNT_WITHIN_PARTNERSHIP_MAX', () => {
    const partners = (...shares: string[]) => shares.map((s) => ({ amountFen: fen(s) }));

    it('allows 110% of the members’ limits: exactly 990,000 for three partners, not a fen more', () => {
      const exact = run(
        { amountFen: fen('330000'), partnershipMembers: partners('330000', '330000') },
        'AMOUNT_WITHIN_MAX',
      );
      expect(exact).toMatchObject({
        outcome: 'PASS',
        code: 'AMOUNT_WITHIN_PARTNERSHIP_MAX',
        details: { partners: 3, totalYuan: '990000.00', capYuan: '990000.00', percentOfMembersCapYuan: '990000.00' },
      });
      const over = run(
        { amountFen: fen('330000.01'), partnershipMembers: partners('330000', '330000') },
        'AMOUNT_WITHIN_MAX',
      );
      expect(over).toMatchObject({ outcome: 'FAIL', details: { totalYuan: '990000.01', reason: 'ABOVE_MAX' } });
      expect(over.messageZh).toContain('合伙贷款总额 990000.01 元，超过上限 990000.00 元');
    });

    it('applies the small-firm cap when it is the lowest', () => {
      const others = partners(...Array.from({ length: 13 }, () => '300000'));
      const exact = run({ amountFen: fen('100000'), partnershipMembers: others }, 'AMOUNT_WITHIN_MAX');
      expect(exact).toMatchObject({
        outcome: 'PASS',
        details: { partners: 14, totalYuan: '4000000.00', capYuan: '4000000.00', bindingCap: 'ABSOLUTE' },
      });
      const over = run({ amountFen: fen('100000.01'), partnershipMembers: others }, 'AMOUNT_WITHIN_MAX');
      expect(over).toMatchObject({ outcome: 'FAIL', details: { bindingCap: 'ABSOLUTE' } });
      expect(over.messageZh).toContain('小微企业上限 4000000.00 元');
    });

    it("counts a member's own lower limit in the members' sum", () => {
      const row = run(
        { amountFen: fen('300000'), partnershipMembers: [{ amountFen: fen('100000'), ownMaxFen: fen('100000') }] },
        'AMOUNT_WITHIN_MAX',
      );
      // (300,000 + 100,000) × 110% = 440,000
      expect(row).toMatchObject({
        outcome: 'PASS',
        details: { capYuan: '440000.00', bindingCap: 'PERCENT_OF_MEMBERS' },
      });
      const over = run(
        { amountFen: fen('340000.01'), partnershipMembers: [{ amountFen: fen('100000'), ownMaxFen: fen('100000') }] },
        'AMOUNT_WITHIN_MAX',
      );
      expect(over.outcome).toBe('FAIL');
    });

    it('ignores an own limit above the policy limit', () => {
      const row = run(
        { amountFen: fen('100000'), partnershipMembers: [{ amountFen: fen('100000'), ownMaxFen: fen('900000') }] },
        'AMOUNT_WITHIN_MAX',
      );
      expect(row.details).toMatchObject({ percentOfMembersCapYuan: '660000.00' });
    });

    it('uses 100,000 per partner on the women line', () => {
      const onDate = date('2015-06-01');
      expect(
        run(
          { amountFen: fen('100000'), partnershipMembers: partners('100000') },
          'AMOUNT_WITHIN_MAX',
          WOMEN_2009,
          onDate,
        ),
      ).toMatchObject({ outcome: 'PASS', details: { capYuan: '200000.00' } });
      expect(
        run(
          { amountFen: fen('100000.01'), partnershipMembers: partners('100000') },
          'AMOUNT_WITHIN_MAX',
          WOMEN_2009,
          onDate,
        ).outcome,
      ).toBe('FAIL');
    });

    it('rounds the percentage cap down to the fen', () => {
      const rules = policy({
        individualMaxFen: 999n,
        partnershipPerPersonMaxFen: 1_000_000n,
        partnershipAbsoluteMaxFen: null,
      });
      // (999 + 999) × 110% = 2197.8 fen → 2197
      expect(
        run({ amountFen: 1197n, partnershipMembers: [{ amountFen: 1000n }] }, 'AMOUNT_WITHIN_MAX', rules),
      ).toMatchObject({
        outcome: 'PASS',
        details: { capYuan: '21.97' },
      });
      expect(
        run({ amountFen: 1198n, partnershipMembers: [{ amountFen: 1000n }] }, 'AMOUNT_WITHIN_MAX', rules).outcome,
      ).toBe('FAIL');
    });

    it('fails a partner with a zero share', () => {
      expect(run({ partnershipMembers: partners('0') }, 'AMOUNT_WITHIN_MAX')).toMatchObject({
        outcome: 'FAIL',
        details: { reason: 'NOT_POSITIVE' },
      });
    });
  });

  describe('TERM_WITHIN_MAX', () => {
    it.each([
      [36, 'PASS'],
      [37, 'FAIL'],
      [1, 'PASS'],
      [0, 'FAIL'],
      [12.5, 'FAIL'],
    ])('term of %p months under a 36-month maximum: %s', (termMonths, outcome) => {
      expect(run({ termMonths }, 'TERM_WITHIN_MAX').outcome).toBe(outcome);
    });

    it('uses the 24 months of the women line', () => {
      expect(run({ termMonths: 24 }, 'TERM_WITHIN_MAX', WOMEN_2009).outcome).toBe('PASS');
      const over = run({ termMonths: 25 }, 'TERM_WITHIN_MAX', WOMEN_2009);
      expect(over.outcome).toBe('FAIL');
      expect(over.messageZh).toBe('贷款期限 25 个月，超过最长期限 24 个月');
    });
  });

  describe('REPAYMENT_METHOD_ALLOWED', () => {
    it('passes a listed method and fails one the policy does not list', () => {
      expect(run({ repaymentMethod: 'CUSTOM_PRINCIPAL_PLAN' }, 'REPAYMENT_METHOD_ALLOWED').outcome).toBe('PASS');
      const row = run({ repaymentMethod: 'EQUAL_INSTALLMENT' }, 'REPAYMENT_METHOD_ALLOWED', WOMEN_2009);
      expect(row.outcome).toBe('FAIL');
      expect(row.messageZh).toContain('等额本息');
    });
  });

  describe('PREVIOUS_LOAN_REPAID', () => {
    it('fails while a previous programme loan is outstanding', () => {
      expect(run({ priorProgrammeLoans: { count: 1, outstanding: true } }, 'PREVIOUS_LOAN_REPAID').outcome).toBe(
        'FAIL',
      );
      expect(run({ priorProgrammeLoans: { count: 1, outstanding: false } }, 'PREVIOUS_LOAN_REPAID').outcome).toBe(
        'PASS',
      );
    });
  });

  describe('CUMULATIVE_LOANS (at most 3)', () => {
    it('allows a third loan', () => {
      const row = run({ priorProgrammeLoans: { count: 2, outstanding: false } }, 'CUMULATIVE_LOANS');
      expect(row.outcome).toBe('PASS');
      expect(row.messageEn).toBe('This would be loan 3 of at most 3');
    });

    it('refuses a fourth loan', () => {
      const row = run({ priorProgrammeLoans: { count: 3, outstanding: false } }, 'CUMULATIVE_LOANS');
      expect(row).toMatchObject({
        outcome: 'FAIL',
        details: { priorLoans: 3, maxCumulativeLoans: 3, reason: 'LIMIT_REACHED' },
      });
      expect(row.messageZh).toBe('申请人已获得 3 次本项目贷款，累计不得超过 3 次');
    });

    it('reads the limit from the policy', () => {
      expect(
        run(
          { priorProgrammeLoans: { count: 3, outstanding: false } },
          'CUMULATIVE_LOANS',
          policy({ maxCumulativeLoans: 5 }),
        ).outcome,
      ).toBe('PASS');
    });
  });

  describe('OTHER_LOANS (applicant and spouse)', () => {
    it('fails when the spouse has an outstanding business loan, naming the spouse and the loan', () => {
      const row = run(
        { otherLoans: [{ holder: 'SPOUSE', kind: 'BUSINESS', outstandingFen: fen('120000') }] },
        'OTHER_LOANS',
      );
      expect(row.outcome).toBe('FAIL');
      expect(row.messageZh).toBe('配偶有未结清的经营性贷款，余额 120000.00 元');
      expect(row.messageEn).toBe('The spouse has an outstanding BUSINESS loan of 120000.00 yuan');
      expect(row.details).toMatchObject({
        offending: [{ holder: 'SPOUSE', kind: 'BUSINESS', outstandingYuan: '120000.00', reason: 'NOT_EXEMPT' }],
      });
    });

    it('passes exempt kinds held by either person', () => {
      const row = run(
        {
          otherLoans: [
            { holder: 'APPLICANT', kind: 'HOUSING', outstandingFen: fen('450000') },
            { holder: 'SPOUSE', kind: 'CAR', outstandingFen: fen('80000') },
            { holder: 'APPLICANT', kind: 'STUDENT', outstandingFen: fen('8000') },
            { holder: 'SPOUSE', kind: 'POVERTY_RELIEF', outstandingFen: fen('50000') },
          ],
        },
        'OTHER_LOANS',
      );
      expect(row.outcome).toBe('PASS');
    });

    it('allows a small consumer loan of exactly 50,000 and refuses one fen more', () => {
      const loan = (yuan: string) => ({
        otherLoans: [{ holder: 'APPLICANT' as const, kind: 'SMALL_CONSUMER', outstandingFen: fen(yuan) }],
      });
      expect(run(loan('50000.00'), 'OTHER_LOANS').outcome).toBe('PASS');
      const over = run(loan('50000.01'), 'OTHER_LOANS');
      expect(over).toMatchObject({ outcome: 'FAIL', details: { offending: [{ reason: 'ABOVE_SMALL_CONSUMER_MAX' }] } });
      expect(over.messageZh).toBe('申请人有未结清的小额消费贷款，余额 50000.01 元，超过 50000.00 元');
    });

    it('ignores loans already repaid', () => {
      expect(
        run({ otherLoans: [{ holder: 'SPOUSE', kind: 'BUSINESS', outstandingFen: 0n }] }, 'OTHER_LOANS').outcome,
      ).toBe('PASS');
    });

    it('never exempts an unknown kind, and lists every offending loan', () => {
      const row = run(
        {
          otherLoans: [
            { holder: 'APPLICANT', kind: 'PAYDAY', outstandingFen: fen('3000') },
            { holder: 'SPOUSE', kind: 'OTHER', outstandingFen: fen('1000') },
          ],
        },
        'OTHER_LOANS',
      );
      expect(row.outcome).toBe('FAIL');
      expect(row.messageZh).toBe('申请人有未结清的PAYDAY，余额 3000.00 元；配偶有未结清的其他贷款，余额 1000.00 元');
    });

    it('follows the policy’s list of exempt kinds', () => {
      const rules = policy({ otherLoanExemptKinds: ['STUDENT'] });
      const row = run(
        { otherLoans: [{ holder: 'APPLICANT', kind: 'SMALL_CONSUMER', outstandingFen: 100n }] },
        'OTHER_LOANS',
        rules,
      );
      expect(row).toMatchObject({ outcome: 'FAIL', details: { offending: [{ reason: 'NOT_EXEMPT' }] } });
    });
  });

  describe('RATE_WITHIN_CAP (LPR + 150 bp under CEGL-2024)', () => {
    it('passes with a note when a rate is missing: it is checked at signing', () => {
      for (const rates of [{}, { requestedRatePercent: '4.95' }, { lprPercent: '3.45' }]) {
        const row = run(rates, 'RATE_WITHIN_CAP');
        expect(row).toMatchObject({ outcome: 'PASS', details: { checkedAtSigning: true } });
        expect(row.messageEn).toContain('checked at contract signing');
      }
    });

    it('passes exactly LPR + 150 bp and fails a hair above', () => {
      expect(run({ requestedRatePercent: '4.95', lprPercent: '3.4500' }, 'RATE_WITHIN_CAP')).toMatchObject({
        outcome: 'PASS',
        details: { capPercent: '4.95', lprPercent: '3.45', requestedRatePercent: '4.95' },
      });
      const over = run({ requestedRatePercent: '4.9501', lprPercent: '3.45' }, 'RATE_WITHIN_CAP');
      expect(over.outcome).toBe('FAIL');
      expect(over.messageZh).toBe('申请利率 4.9501% 超过上限 4.95%（LPR 3.45% + 150 个基点）');
    });

    it('uses the cap of the policy', () => {
      const rules = policy({ rateCapBasisPointsOverLpr: 50 });
      expect(run({ requestedRatePercent: '3.5', lprPercent: '3.00' }, 'RATE_WITHIN_CAP', rules).outcome).toBe('PASS');
      expect(run({ requestedRatePercent: '3.51', lprPercent: '3.00' }, 'RATE_WITHIN_CAP', rules).outcome).toBe('FAIL');
    });

    it('fails a rate that is not a decimal', () => {
      expect(run({ requestedRatePercent: '4,95', lprPercent: '3.45' }, 'RATE_WITHIN_CAP')).toMatchObject({
        outcome: 'FAIL',
        details: { reason: 'INVALID_RATE' },
      });
    });
  });

  describe('overallOutcome', () => {
    it('is FAIL over WARN over PASS', () => {
      const row = (outcome: 'PASS' | 'FAIL' | 'WARN'): EligibilityCheck => ({
        rule: 'X',
        code: 'X',
        outcome,
        messageZh: 'x',
        messageEn: 'x',
      });
      expect(overallOutcome([row('PASS'), row('WARN'), row('FAIL')])).toBe('FAIL');
      expect(overallOutcome([row('PASS'), row('WARN')])).toBe('WARN');
      expect(overallOutcome([row('PASS')])).toBe('PASS');
    });
  });
});
