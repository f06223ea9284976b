import { SubsidyPaidFactsPort } from './claims/subsidy-paid-facts.port';
import { Module } from '@nestjs/common';
import { ApplicantsModule } from '@mla/applicants';
import { AuthModule } from '@mla/auth';
import { CalendarModule } from '@mla/calendar';
import { GuaranteeFundsModule } from '@mla/guarantee-funds';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { LoansModule } from '@mla/loans';
import { OutboxRepository } from '@mla/queue';
import { SubsidyBudgetLedger } from './budget/subsidy-budget-ledger';
import { SubsidyBudgetRepository } from './budget/subsidy-budget.repository';
import { SubsidyBudgetService } from './budget/subsidy-budget.service';
import { SubsidyClaimBuilder } from './claims/subsidy-claim-builder';
import { SubsidyClaimExportService } from './claims/subsidy-claim-export.service';
import { SubsidyClaimReviewService } from './claims/subsidy-claim-review.service';
import { SubsidyClaimRevocationService } from './claims/subsidy-claim-revocation.service';
import { SubsidyClaimScheduler } from './claims/subsidy-claim-scheduler';
import { SubsidyClaimRepository } from './claims/subsidy-claim.repository';
import { SubsidyPayoutService } from './claims/subsidy-payout.service';
import { SubsidySettlementService } from './claims/subsidy-settlement.service';

/** Published ports: what other contexts call. */
const PORTS = [SubsidyBudgetLedger, SubsidyPaidFactsPort];

/** Use cases the apps drive (HTTP controllers, the CLI, worker jobs). */
const USE_CASES = [
  SubsidyBudgetService,
  SubsidyClaimBuilder,
  SubsidyClaimReviewService,
  SubsidyClaimRevocationService,
  SubsidyPayoutService,
  SubsidyClaimScheduler,
  SubsidyClaimExportService,
  SubsidySettlementService,
];

/** Repositories and helpers shared by the use cases; never exported. */
const INTERNAL = [SubsidyBudgetRepository, SubsidyClaimRepository, OutboxRepository];

/**
 * Interest subsidies 贴息: the rules of a loan's policy applied per loan and period, quarterly claims, the finance
 * bureau's approval and payout within each funding level's yearly budget.
 */
@Module({
  imports: [AuthModule, CalendarModule, LoanPoliciesModule, ApplicantsModule, LoansModule, GuaranteeFundsModule],
  providers: [...PORTS, ...USE_CASES, ...INTERNAL],
  exports: [...PORTS, ...USE_CASES],
})
export class SubsidiesModule {}
