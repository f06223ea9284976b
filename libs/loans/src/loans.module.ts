import { Module } from '@nestjs/common';
import { ApplicantsModule } from '@mla/applicants';
import { AuthModule } from '@mla/auth';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { DailyCloseRepository } from './loans/daily-close.repository';
import { DailyCloseService } from './loans/daily-close.service';
import { InstallmentRepository } from './loans/installment.repository';
import { LoanRepository } from './loans/loan.repository';
import { LoanService } from './loans/loan.service';
import { LoanEvents } from './loans/loan-events';
import { LoanExposureService } from './loans/loan-exposure';
import { LoanLookupService } from './loans/loan-lookup';
import { PostingRepository } from './posting/posting.repository';
import { PostingService } from './posting/posting.service';

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
