import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ADMIN_ACTOR } from '@mla/auth';
import { LprRepository } from '../lpr/lpr.repository';
import { LprService } from '../lpr/lpr.service';
import { LoanPolicyRepository } from '../policies/loan-policy.repository';
import { PolicyService } from '../policies/policy.service';
import { LPR_HISTORY } from './lpr-history';
import { SEED_POLICIES } from './seed-policies';

export interface PolicySeedReport {
  lprRatesAdded: string[];
  policiesCreated: string[];
}

/**
 * Seeds (idempotently) the published LPR history and the two Inner Mongolia policies, through the services so
 * every row is validated and audited (as "system"). Needs region 150000 to exist.
 */
@Injectable()
export class PolicySeeder {
  constructor(
    private readonly lprService: LprService,
    private readonly dataSource: DataSource,
    private readonly lprRates: LprRepository,
    private readonly policyService: PolicyService,
    private readonly policies: LoanPolicyRepository,
  ) {}

  async seed(): Promise<PolicySeedReport> {
    const report: PolicySeedReport = { lprRatesAdded: [], policiesCreated: [] };
    for (const rate of LPR_HISTORY) {
      if (await this.lprRates.findByDate(this.dataSource.manager, rate.effectiveDate)) continue;
      await this.lprService.add(SYSTEM_ADMIN_ACTOR, rate);
      report.lprRatesAdded.push(rate.effectiveDate);
    }
    for (const policy of SEED_POLICIES) {
      // Any version starting that day counts, retired ones too: a retired seed is not brought back.
      if (
        await this.policies.findByStart(
          this.dataSource.manager,
          policy.code,
          policy.jurisdictionRegionCode,
          policy.effectiveFrom,
        )
      )
        continue;
      await this.policyService.create(SYSTEM_ADMIN_ACTOR, policy);
      report.policiesCreated.push(policy.code);
    }
    return report;
  }
}
