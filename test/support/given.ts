import type { Actor } from '@mla/auth';
import {
  ApplicantService,
  ApplicationDraftingService,
  ApplicationReviewService,
  EmploymentStatus,
  HouseholdType,
  LoanPurpose,
  ReviewStep,
  type ApplicantInput,
  type ApplicationInput,
  type FieldVisitInput,
} from '@mla/applicants';
import { Money } from '@mla/core';
import {
  EntryKind,
  FundService,
  GuaranteeService,
  LedgerService,
  type CreateFundInput,
  type GuaranteeFund,
} from '@mla/guarantee-funds';
import {
  DisbursementService,
  LoanQueryService,
  LoanSigningService,
  PostingService,
  type DisbursementInput,
  type Installment,
  type Loan,
  type LoanSummary,
  type PostingResult,
  type PostRepaymentInput,
  type SignContractInput,
} from '@mla/loans';
import type { ServiceHarness } from './service-harness';
import { residentId } from './workflow';

/**
 * The use cases the builders call, each as one function. This is the only place that names the use-case services:
 * when a service is split or renamed, repoint its line here and every builder and scenario follows.
 */
export interface UseCases {
  registerApplicant(actor: Actor, input: ApplicantInput): Promise<{ id: string }>;
  draftApplication(actor: Actor, input: ApplicationInput): Promise<{ id: string }>;
  submitApplication(actor: Actor, applicationId: string): Promise<unknown>;
  recordFieldVisit(actor: Actor, applicationId: string, input: FieldVisitInput): Promise<unknown>;
  approveStep(actor: Actor, applicationId: string, step: ReviewStep): Promise<unknown>;
  issueGuarantee(actor: Actor, fundId: string, applicationId: string): Promise<unknown>;
  createFund(actor: Actor, input: CreateFundInput): Promise<GuaranteeFund>;
  contribute(actor: Actor, fundId: string, amountYuan: string, valueDate: string): Promise<unknown>;
  signLoan(actor: Actor, applicationId: string, input: SignContractInput): Promise<Loan>;
  recordDisbursement(actor: Actor, loanId: string, input: DisbursementInput): Promise<unknown>;
  postRepayment(actor: Actor, loanId: string, input: PostRepaymentInput): Promise<PostingResult>;
  loan(actor: Actor, loanId: string): Promise<{ loan: Loan; installments: Installment[]; summary: LoanSummary }>;
}

/** The use cases as the services on this branch hold them. */
export function useCasesOf(h: ServiceHarness): UseCases {
  const applicants = h.get(ApplicantService);
  const drafting = h.get(ApplicationDraftingService);
  const review = h.get(ApplicationReviewService);
  const guarantees = h.get(GuaranteeService);
  const funds = h.get(FundService);
  const ledger = h.get(LedgerService);
  const signing = h.get(LoanSigningService);
  const disbursements = h.get(DisbursementService);
  const loanQueries = h.get(LoanQueryService);
  const postings = h.get(PostingService);
  return {
    registerApplicant: async (actor, input) => (await applicants.register(actor, input)).applicant,
    draftApplication: (actor, input) => drafting.create(actor, input),
    submitApplication: (actor, id) => drafting.submit(actor, id),
    recordFieldVisit: (actor, id, input) => review.recordFieldVisit(actor, id, input),
    approveStep: (actor, id, step) => review.decide(actor, id, step, 'APPROVE'),
    issueGuarantee: (actor, fundId, applicationId) => guarantees.issue(actor, fundId, applicationId),
    createFund: (actor, input) => funds.create(actor, input),
    contribute: (actor, fundId, amountYuan, valueDate) =>
      ledger.book(actor, fundId, { kind: EntryKind.CONTRIBUTION, amountYuan, valueDate, documentReference: 'TEST' }),
    signLoan: (actor, applicationId, input) => signing.sign(actor, applicationId, input),
    recordDisbursement: (actor, loanId, input) => disbursements.recordDisbursement(actor, loanId, input),
    postRepayment: (actor, loanId, input) => postings.post(actor, loanId, input),
    loan: (actor, loanId) => loanQueries.get(actor, loanId),
  };
}

export interface ApplicationSpec {
  amountYuan?: string;
  termMonths?: number;
  repaymentMethod?: string;
  /** The fund that guarantees it; the demo county's by default. */
  fundId?: string;
}

export interface LoanSpec extends ApplicationSpec {
  /** An approved application to sign (from `approvedApplication`, perhaps on an earlier day); else one is made. */
  applicationId?: string;
  annualRatePercent?: string;
  /** Default: the clock's today. */
  signingDate?: string;
  /** Default: the signing date. */
  valueDate?: string;
  contractNumber?: string;
}

export interface FundSpec {
  code?: string;
  contributionYuan?: string;
}

export interface Given {
  /** Registered, drafted, submitted, visited, and approved by the federation and the employment bureau. */
  eligibleApplication(spec?: ApplicationSpec): Promise<string>;
  /** Guaranteed by the fund and approved by the bank: ready to sign. Returns the application id. */
  approvedApplication(spec?: ApplicationSpec): Promise<string>;
  /** Signed and disbursed (the contract's amount), with its schedule. Returns the loan, its installments, summary. */
  activeLoan(spec?: LoanSpec): Promise<{ loan: Loan; installments: Installment[]; summary: LoanSummary }>;
  /** A guarantee fund of the demo county's region with a contribution (default 5,000,000.00) booked today. */
  fund(spec?: FundSpec): Promise<GuaranteeFund>;
}

let sequence = 300;
let contracts = 0;

/**
 * Builders of test data through the real use cases, each step done by the demo user whose job it is (what
 * `workflow.ts` does over HTTP). Dates are the clock's today: move the clock (`h.travelTo`) between steps that must
 * fall on different days.
 */
export function given(h: ServiceHarness, useCases: UseCases = useCasesOf(h)): Given {
  const today = () => h.clock.today().toString();

  const eligibleApplication = async (spec: ApplicationSpec = {}): Promise<string> => {
    const [officer, fedadmin, employment] = await Promise.all(
      ['officer', 'fedadmin', 'employment'].map((u) => h.actor(u)),
    );
    sequence += 2;
    const applicant = await useCases.registerApplicant(officer, {
      name: '张红',
      idNumber: residentId('19870707', String(sequence)),
      mobile: '13500135000',
      regionCode: '150221100201',
      householdType: HouseholdType.RURAL,
      category: 'RURAL_SELF_EMPLOYED',
      businessKind: 'LIVESTOCK',
      employmentStatus: EmploymentStatus.FARMER,
    });
    const { id } = await useCases.draftApplication(officer, {
      applicantId: applicant.id,
      bankOrganisationId: h.demo.organisations.rcc.id,
      amountYuan: spec.amountYuan ?? '80000.00',
      termMonths: spec.termMonths ?? 12,
      purpose: LoanPurpose.LIVESTOCK,
      repaymentMethod: spec.repaymentMethod ?? 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
    });
    await useCases.submitApplication(officer, id);
    await useCases.recordFieldVisit(fedadmin, id, { visitDate: today(), findings: '养殖场经营正常' });
    await useCases.approveStep(fedadmin, id, ReviewStep.FEDERATION_REVIEW);
    await useCases.approveStep(employment, id, ReviewStep.EMPLOYMENT_REVIEW);
    return id;
  };

  const approvedApplication = async (spec: ApplicationSpec = {}): Promise<string> => {
    const id = await eligibleApplication(spec);
    const [guarantee, bank] = await Promise.all(['guarantee', 'bank'].map((u) => h.actor(u)));
    await useCases.issueGuarantee(guarantee, spec.fundId ?? h.demo.fund.id, id);
    await useCases.approveStep(bank, id, ReviewStep.BANK_REVIEW);
    return id;
  };

  return {
    eligibleApplication,
    approvedApplication,
    activeLoan: async (spec = {}) => {
      const applicationId = spec.applicationId ?? (await approvedApplication(spec));
      const bank = await h.actor('bank');
      const signingDate = spec.signingDate ?? today();
      contracts += 1;
      const loan = await useCases.signLoan(bank, applicationId, {
        contractNumber: spec.contractNumber ?? `SVC-${process.pid}-${contracts}`,
        signingDate,
        annualRatePercent: spec.annualRatePercent ?? '4.35',
      });
      await useCases.recordDisbursement(bank, loan.id, {
        valueDate: spec.valueDate ?? signingDate,
        amountYuan: Money.ofFen(loan.principalFen).toYuanString(),
        reference: `D-${loan.contractNumber}`,
      });
      return useCases.loan(bank, loan.id);
    },
    fund: async (spec = {}) => {
      const guarantee = await h.actor('guarantee');
      const agency = h.demo.organisations.guarantee;
      sequence += 1;
      const fund = await useCases.createFund(guarantee, {
        code: spec.code ?? `F${sequence}`,
        name: `测试担保基金 ${sequence}`,
        sponsor: '土默特右旗财政局',
        regionCode: agency.regionCode,
        agencyOrganisationId: agency.id,
        depositBankName: '土默特右旗农村信用合作联社',
        depositAccountNumber: `1502210120${String(sequence).padStart(8, '0')}`,
      });
      await useCases.contribute(guarantee, fund.id, spec.contributionYuan ?? '5000000.00', today());
      return fund;
    },
  };
}
