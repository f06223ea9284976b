import { Module } from '@nestjs/common';
import { ApplicantsModule } from '@mla/applicants';
import { AuthModule } from '@mla/auth';
import { LoansModule } from '@mla/loans';
import { OutboxRepository } from '@mla/queue';
import { CompensationAlertQueryService } from './alerts/compensation-alert-query.service';
import { CompensationAlertRepository } from './alerts/compensation-alert.repository';
import { CompensationThresholdStep } from './alerts/compensation-threshold.step';
import { CompensationClaimRepository } from './compensation/compensation-claim.repository';
import { ClaimDecisionService } from './compensation/claim-decision.service';
import { ClaimFilingService } from './compensation/claim-filing.service';
import { ClaimQueryService } from './compensation/claim-query.service';
import { ClaimSteps } from './compensation/claim-steps';
import { RecoveryService } from './compensation/recovery.service';
import { FundPositionService } from './funds/fund-position';
import { FundService } from './funds/fund.service';
import { LeverageCoveragePort } from './funds/leverage-coverage.port';
import { GuaranteeFundRepository } from './funds/guarantee-fund.repository';
import { GuaranteeRepository } from './guarantees/guarantee.repository';
import { GuaranteeLiabilityService } from './guarantees/guarantee-liability.service';
import { GuaranteeService } from './guarantees/guarantee.service';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { FundStatementService } from './statements/fund-statement.service';

/**
 * The use cases apps call (HTTP, CLI), and the one read the subsidy context calls (the within-leverage fraction);
 * otherwise this context follows the others through events.
 */
const SERVICES = [
  FundService,
  FundPositionService,
  LedgerService,
  GuaranteeService,
  ClaimFilingService,
  ClaimDecisionService,
  RecoveryService,
  ClaimQueryService,
  FundStatementService,
  CompensationAlertQueryService,
  // Published read for the subsidy context.
  LeverageCoveragePort,
];

const INTERNALS = [
  GuaranteeFundRepository,
  LedgerRepository,
  GuaranteeRepository,
  CompensationClaimRepository,
  ClaimSteps,
  GuaranteeLiabilityService,
  CompensationAlertRepository,
  // Registers itself with the nightly close (DailyCloseSteps) at module init.
  CompensationThresholdStep,
  OutboxRepository,
];

/**
 * Guarantee funds (担保基金): ledger, leverage capacity, guarantees, compensation and recovery. It subscribes to
 * application and loan events, so every process that changes applications or loans must import this module
 * (it re-exports the applicants and repayments modules for that reason).
 */
@Module({
  imports: [AuthModule, ApplicantsModule, LoansModule],
  providers: [...INTERNALS, ...SERVICES],
  exports: [...SERVICES, ApplicantsModule, LoansModule],
})
export class GuaranteeFundsModule {}
