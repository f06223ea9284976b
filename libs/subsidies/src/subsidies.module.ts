import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { LoansModule } from '@mla/loans';
import { SubsidyBudgetLedger } from './budget/subsidy-budget-ledger';
import { SubsidyBudgetRepository } from './budget/subsidy-budget.repository';
import { SubsidyBudgetService } from './budget/subsidy-budget.service';

/** Published ports: what other contexts call. */
const PORTS = [SubsidyBudgetLedger];

/** Use cases the apps drive (HTTP controllers, the CLI, worker jobs). */
const USE_CASES = [SubsidyBudgetService];

/** Repositories and helpers shared by the use cases; never exported. */
const INTERNAL = [SubsidyBudgetRepository];

/**
 * Interest subsidies 贴息: the rules of a loan's policy applied per loan and period, quarterly claims, the finance
 * bureau's approval and payout within each funding level's yearly budget.
 */
@Module({
  imports: [AuthModule, LoanPoliciesModule, LoansModule],
  providers: [...PORTS, ...USE_CASES, ...INTERNAL],
  exports: [...PORTS, ...USE_CASES],
})
export class SubsidiesModule {}
