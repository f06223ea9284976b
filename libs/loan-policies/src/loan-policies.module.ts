import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { LprRepository } from './lpr/lpr.repository';
import { LprService } from './lpr/lpr.service';
import { LoanPolicyRepository } from './policies/loan-policy.repository';
import { PolicyService } from './policies/policy.service';
import { PolicySeeder } from './seed/policy.seeder';

const SERVICES = [LoanPolicyRepository, PolicyService, LprRepository, LprService, PolicySeeder];

/**
 * Loan policies (versioned by jurisdiction and date), the LPR table and the eligibility engine. Needs the
 * DataSource (DatabaseModule) and the Clock (ConfigModule) from the app that imports it.
 */
@Module({
  imports: [AuthModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class LoanPoliciesModule {}
