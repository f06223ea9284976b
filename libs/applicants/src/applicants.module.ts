import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { ApplicantPii } from './applicants/applicant-pii';
import { ApplicantRepository } from './applicants/applicant.repository';
import { ApplicantService } from './applicants/applicant.service';
import { ApplicationRepository } from './applications/application.repository';
import { ApplicationService } from './applications/application.service';
import { ApplicationEvents } from './applications/application-events';

const PROVIDERS = [
  ApplicantPii,
  ApplicantRepository,
  ApplicantService,
  ApplicationRepository,
  ApplicationService,
  ApplicationEvents,
];

/** The applicant registry and the application review workflow (申请 → 初审/推荐 → 资格审核 → 担保审核 → 银行审批). */
@Module({ imports: [AuthModule, LoanPoliciesModule], providers: PROVIDERS, exports: PROVIDERS })
export class ApplicantsModule {}
