import { AccessPolicy, OrganisationKind, Permission, Role, type Actor } from '@mla/auth';

const policy = new AccessPolicy();

function actor(
  roles: Role[],
  regionCode = '150221',
  organisationId = 'org-rcc',
  organisationIds = [organisationId],
): Actor {
  return {
    userId: 'u1',
    username: 'u',
    displayName: 'U',
    organisationId,
    organisationKind: OrganisationKind.WOMENS_FEDERATION,
    regionCode,
    organisationIds,
    roles,
  };
}

// Records: one per bank in the same county, one in a township of the county, one in another county.
const rccLoan = { regionCode: '150221001', bankOrganisationId: 'org-rcc' };
const psbcLoan = { regionCode: '150221002', bankOrganisationId: 'org-psbc' };
const otherCountyLoan = { regionCode: '150222', bankOrganisationId: 'org-rcc' };

describe('AccessPolicy', () => {
  describe('scope matrix', () => {
    const cases: [string, Actor, boolean, boolean, boolean][] = [
      //               actor                                            rcc    psbc   other county
      ['system admin', actor([Role.SYSTEM_ADMIN], '100000'), true, true, true],
      ['loan officer (county)', actor([Role.LOAN_OFFICER]), true, true, false],
      ['finance reviewer (county)', actor([Role.FINANCE_REVIEWER]), true, true, false],
      ['employment reviewer (county)', actor([Role.EMPLOYMENT_REVIEWER]), true, true, false],
      ['guarantee operator (county)', actor([Role.GUARANTEE_OPERATOR]), true, true, false],
      ['auditor (city)', actor([Role.AUDITOR], '150200'), true, true, true],
      ['auditor (other county)', actor([Role.AUDITOR], '150222'), false, false, true],
      ['bank officer (rcc)', actor([Role.BANK_OFFICER], '150221', 'org-rcc'), true, false, true],
      ['bank officer (psbc)', actor([Role.BANK_OFFICER], '150221', 'org-psbc'), false, true, false],
      [
        'bank head office sees its branches',
        actor([Role.BANK_OFFICER], '150200', 'org-head', ['org-head', 'org-rcc']),
        true,
        false,
        true,
      ],
    ];
    it.each(cases)('%s', (_, who, rcc, psbc, other) => {
      expect([policy.canSee(who, rccLoan), policy.canSee(who, psbcLoan), policy.canSee(who, otherCountyLoan)]).toEqual([
        rcc,
        psbc,
        other,
      ]);
    });
  });

  it('reports out-of-scope records as not found', () => {
    expect(() => policy.assertCanSee(actor([Role.BANK_OFFICER], '150221', 'org-psbc'), rccLoan, 'Loan', 'L1')).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'NOT_FOUND_IN_SCOPE' }),
    );
  });

  it('a record without a region is invisible to region-scoped roles', () => {
    expect(policy.canSee(actor([Role.LOAN_OFFICER]), { bankOrganisationId: 'org-rcc' })).toBe(false);
  });

  describe('permission matrix', () => {
    it.each([
      [Role.SYSTEM_ADMIN, Permission.USER_MANAGE, true],
      [Role.SYSTEM_ADMIN, Permission.AUDIT_READ, true],
      [Role.AUDITOR, Permission.AUDIT_READ, true],
      [Role.AUDITOR, Permission.USER_MANAGE, false],
      [Role.LOAN_OFFICER, Permission.AUDIT_READ, false],
      [Role.LOAN_OFFICER, Permission.PII_UNMASK, true],
      [Role.FINANCE_REVIEWER, Permission.PII_UNMASK, false],
      [Role.BANK_OFFICER, Permission.ORGANISATION_MANAGE, false],
      [Role.FEDERATION_ADMIN, Permission.REGION_MANAGE, false],
      [Role.GUARANTEE_OPERATOR, Permission.FUND_BOOK, true],
      [Role.GUARANTEE_OPERATOR, Permission.COMPENSATION_DECIDE, true],
      [Role.GUARANTEE_OPERATOR, Permission.COMPENSATION_FILE, false],
      [Role.BANK_OFFICER, Permission.COMPENSATION_FILE, true],
      [Role.BANK_OFFICER, Permission.COMPENSATION_DECIDE, false],
      [Role.BANK_OFFICER, Permission.FUND_BOOK, false],
      [Role.SYSTEM_ADMIN, Permission.FUND_BOOK, false],
      [Role.FINANCE_REVIEWER, Permission.FUND_READ, true],
      [Role.FINANCE_REVIEWER, Permission.SUBSIDY_BUDGET_MANAGE, true],
      [Role.FINANCE_REVIEWER, Permission.SUBSIDY_BUDGET_READ, true],
      [Role.AUDITOR, Permission.SUBSIDY_BUDGET_READ, true],
      [Role.AUDITOR, Permission.SUBSIDY_BUDGET_MANAGE, false],
      [Role.BANK_OFFICER, Permission.SUBSIDY_BUDGET_READ, false],
      [Role.SYSTEM_ADMIN, Permission.SUBSIDY_BUDGET_MANAGE, false],
      // Subsidy claims: the bank files, the federation or agency checks, the finance bureau decides and pays.
      [Role.BANK_OFFICER, Permission.SUBSIDY_CLAIM_PREPARE, true],
      [Role.BANK_OFFICER, Permission.SUBSIDY_CLAIM_DECIDE, false],
      [Role.FEDERATION_ADMIN, Permission.SUBSIDY_CLAIM_INITIAL_REVIEW, true],
      [Role.GUARANTEE_OPERATOR, Permission.SUBSIDY_CLAIM_INITIAL_REVIEW, true],
      [Role.LOAN_OFFICER, Permission.SUBSIDY_CLAIM_INITIAL_REVIEW, false],
      [Role.FINANCE_REVIEWER, Permission.SUBSIDY_CLAIM_DECIDE, true],
      [Role.FINANCE_REVIEWER, Permission.SUBSIDY_PAYOUT, true],
      [Role.FINANCE_REVIEWER, Permission.SUBSIDY_CLAIM_PREPARE, false],
      [Role.FINANCE_REVIEWER, Permission.SUBSIDY_CLAIM_INITIAL_REVIEW, false],
      [Role.AUDITOR, Permission.SUBSIDY_CLAIM_READ, true],
      [Role.AUDITOR, Permission.SUBSIDY_CLAIM_DECIDE, false],
      [Role.SYSTEM_ADMIN, Permission.SUBSIDY_PAYOUT, false],
      // Follow-up and collection: the officers who phone and visit borrowers (federation and bank), not the others.
      [Role.LOAN_OFFICER, Permission.LOAN_CONTACT_RECORD, true],
      [Role.LOAN_OFFICER, Permission.COLLECTION_READ, true],
      [Role.FEDERATION_ADMIN, Permission.COLLECTION_READ, true],
      [Role.BANK_OFFICER, Permission.LOAN_CONTACT_RECORD, true],
      [Role.BANK_OFFICER, Permission.COLLECTION_READ, true],
      [Role.FINANCE_REVIEWER, Permission.COLLECTION_READ, false],
      [Role.AUDITOR, Permission.LOAN_CONTACT_RECORD, false],
      [Role.GUARANTEE_OPERATOR, Permission.LOAN_CONTACT_RECORD, false],
      // The job queues: system administrators only.
      [Role.SYSTEM_ADMIN, Permission.QUEUE_MANAGE, true],
      [Role.AUDITOR, Permission.QUEUE_MANAGE, false],
      [Role.LOAN_OFFICER, Permission.QUEUE_MANAGE, false],
    ])('%s → %s: %s', (role, permission, allowed) => {
      expect(policy.can(actor([role]), permission)).toBe(allowed);
    });

    it('names the missing permission', () => {
      expect(() => policy.assertCan(actor([Role.BANK_OFFICER]), Permission.USER_MANAGE)).toThrow(
        expect.objectContaining({
          kind: 'forbidden',
          code: 'PERMISSION_DENIED',
          details: { permission: 'user:manage' },
        }),
      );
    });
  });
});
