import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { LprRepository } from './lpr/lpr.repository';
import { LprService } from './lpr/lpr.service';
import { LoanPolicyRepository } from './policies/loan-policy.repository';
import { PolicyService } from './policies/policy.service';
import { PolicySeeder } from './seed/policy.seeder';

/**
 * The published ports: `PolicyService` (the policy in force, a policy version) and `LprService` (the 1-year LPR on a
 * date) serve other contexts as well as the HTTP API; `PolicySeeder` is for the CLI.
 */
const SERVICES = [PolicyService, LprService, PolicySeeder];

/**
 * Loan policies (versioned by jurisdiction and date), the LPR table and the eligibility engine. Needs the
 * DataSource (DatabaseModule) and the Clock (ConfigModule) from the app that imports it.
 */
@Module({
  imports: [AuthModule],
  providers: [...SERVICES, LoanPolicyRepository, LprRepository],
  exports: SERVICES,
})
export class LoanPoliciesModule {}
