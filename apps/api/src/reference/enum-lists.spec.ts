import { ApplicationStatus, ReviewStep } from '@mla/applicants';
import { OrganisationKind, Permission, Role } from '@mla/auth';
import { ClaimStatus, EntryKind, GuaranteeStatus } from '@mla/guarantee-funds';
import { RepaymentMethod } from '@mla/loan-policies';
import { InstallmentStatus, LoanStatus, REPAYMENT_CHANNELS } from '@mla/loans';
import { ImportStatus, LineOutcome } from '@mla/reconciliation';
import { BudgetEntryKind, FundingLevel } from '@mla/subsidies';
import { ENUM_LISTS } from './enum-lists';

describe('the fixed lists users see', () => {
  it('label every value of their enum, in declaration order', () => {
    const pairs: [keyof typeof ENUM_LISTS, readonly string[]][] = [
      ['LoanStatus', Object.values(LoanStatus)],
      ['InstallmentStatus', Object.values(InstallmentStatus)],
      ['RepaymentMethod', Object.values(RepaymentMethod)],
      ['RepaymentChannel', REPAYMENT_CHANNELS],
      ['ApplicationStatus', Object.values(ApplicationStatus)],
      ['ReviewStep', Object.values(ReviewStep)],
      ['GuaranteeStatus', Object.values(GuaranteeStatus)],
      ['ClaimStatus', Object.values(ClaimStatus)],
      ['LedgerEntryKind', Object.values(EntryKind)],
      ['StatementImportStatus', Object.values(ImportStatus)],
      ['StatementLineOutcome', Object.values(LineOutcome)],
      ['OrganisationKind', Object.values(OrganisationKind)],
      ['Role', Object.values(Role)],
      ['Permission', Object.values(Permission)],
      ['FundingLevel', Object.values(FundingLevel)],
      ['SubsidyBudgetEntryKind', Object.values(BudgetEntryKind)],
    ];
    for (const [name, values] of pairs)
      expect({ name, values: Object.keys(ENUM_LISTS[name]) }).toEqual({ name, values });
  });

  it('have a Chinese and an English label for every value', () => {
    for (const [name, labels] of Object.entries(ENUM_LISTS)) {
      for (const [value, label] of Object.entries(labels as Record<string, { 'zh-CN': string; en: string }>)) {
        expect({ name, value, zh: /[\u4e00-\u9fff]/.test(label['zh-CN']), en: label.en.trim().length > 0 }).toEqual({
          name,
          value,
          zh: true,
          en: true,
        });
      }
    }
  });
});
