import { Module } from '@nestjs/common';
import { ApplicantsModule } from '@mla/applicants';
import { AuthModule } from '@mla/auth';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { OutboxRepository } from '@mla/queue';
import { CallListContactSources } from './collections/call-list-contact-sources';
import { CallListRepository } from './collections/call-list.repository';
import { CallListService } from './collections/call-list.service';
import { LateLoansDigestService } from './collections/late-loans-digest.service';
import { LoanContactRepository } from './contacts/loan-contact.repository';
import { LoanContactsService } from './contacts/loan-contacts.service';
import { InstallmentRepository } from './contracts/installment.repository';
import { LoanAccess } from './contracts/loan-access';
import { LoanEvents } from './contracts/loan-events';
import { LoanExposureService } from './contracts/loan-exposure';
import { LoanLookupService } from './contracts/loan-lookup';
import { SubsidyFactsPort } from './contracts/subsidy-facts.port';
import { ReminderFactsPort } from './contracts/reminder-facts.port';
import { LoanLookupRepository } from './contracts/loan-lookup.repository';
import { LoanQueryService } from './contracts/loan-query.service';
import { LoanRepository } from './contracts/loan.repository';
import { LoanSigningService } from './contracts/loan-signing.service';
import { DailyCloseRunRepository } from './daily-close/daily-close-run.repository';
import { DailyCloseRunsService } from './daily-close/daily-close-runs.service';
import { DailyCloseSteps } from './daily-close/daily-close-steps';
import { DaysPastDueRepository } from './daily-close/days-past-due.repository';
import { DaysPastDueStep } from './daily-close/days-past-due.step';
import { LoanFollowUpRepository } from './follow-ups/loan-follow-up.repository';
import { LoanFollowUpService } from './follow-ups/loan-follow-up.service';
import { DisbursementService } from './disbursement/disbursement.service';
import { BackdatedPostingRepository } from './servicing/backdated-posting.repository';
import { BackdatedPostingService } from './servicing/backdated-posting.service';
import { DailyCloseRepository } from './servicing/daily-close.repository';
import { DailyCloseService } from './servicing/daily-close.service';
import { LoanExtensionService } from './servicing/loan-extension.service';
import { LoanReplayService } from './servicing/loan-replay.service';
import { LoanPostingPort } from './servicing/loan-posting.port';
import { PayoffService } from './servicing/payoff.service';
import { PostingRepository } from './servicing/posting.repository';
import { PostingService } from './servicing/posting.service';
import { PrepaymentService } from './servicing/prepayment.service';
import { RepaymentSettlement } from './servicing/repayment-settlement';

/** Published ports: what other contexts call (guarantee funds, reconciliation) or subscribe to. */
const PORTS = [
  LoanExposureService,
  LoanLookupService,
  LoanPostingPort,
  LoanEvents,
  DailyCloseSteps,
  SubsidyFactsPort,
  ReminderFactsPort,
  CallListContactSources,
];

/** Use cases the apps drive (HTTP controllers, the CLI, worker jobs). */
const USE_CASES = [
  LoanSigningService,
  LoanQueryService,
  DisbursementService,
  LoanExtensionService,
  PostingService,
  BackdatedPostingService,
  PayoffService,
  PrepaymentService,
  DailyCloseService,
  DailyCloseRunsService,
  LoanFollowUpService,
  LoanContactsService,
  CallListService,
  LateLoansDigestService,
];

/** Repositories and helpers shared by the use cases; never exported. */
const INTERNAL = [
  LoanRepository,
  InstallmentRepository,
  LoanLookupRepository,
  PostingRepository,
  BackdatedPostingRepository,
  DailyCloseRepository,
  DailyCloseRunRepository,
  DaysPastDueRepository,
  DaysPastDueStep,
  OutboxRepository,
  LoanAccess,
  RepaymentSettlement,
  LoanReplayService,
  LoanFollowUpRepository,
  LoanContactRepository,
  CallListRepository,
];

/** Loan contracts, disbursement, their schedules and servicing. */
@Module({
  imports: [AuthModule, LoanPoliciesModule, ApplicantsModule],
  providers: [...PORTS, ...USE_CASES, ...INTERNAL],
  exports: [...PORTS, ...USE_CASES],
})
export class LoansModule {}
