import { Module } from '@nestjs/common';
import { ApplicantsModule } from '@mla/applicants';
import { AuthModule } from '@mla/auth';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { DailyCloseRepository } from './servicing/daily-close.repository';
import { DailyCloseService } from './servicing/daily-close.service';
import { InstallmentRepository } from './contracts/installment.repository';
import { LoanRepository } from './contracts/loan.repository';
import { LoanService } from './contracts/loan.service';
import { LoanEvents } from './contracts/loan-events';
import { LoanExposureService } from './contracts/loan-exposure';
import { LoanLookupService } from './contracts/loan-lookup';
import { PostingRepository } from './servicing/posting.repository';
import { PostingService } from './servicing/posting.service';

const PROVIDERS = [
  LoanRepository,
  InstallmentRepository,
  LoanService,
  DailyCloseRepository,
  DailyCloseService,
  PostingRepository,
  PostingService,
  LoanEvents,
  LoanExposureService,
  LoanLookupService,
];

/** Loan contracts, their schedules and servicing. */
@Module({ imports: [AuthModule, LoanPoliciesModule, ApplicantsModule], providers: PROVIDERS, exports: PROVIDERS })
export class LoansModule {}
