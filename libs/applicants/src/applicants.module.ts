import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { CalendarModule } from '@mla/calendar';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { ApplicantContactPort } from './applicants/applicant-contacts';
import { ApplicantPii } from './applicants/applicant-pii';
import { ApplicantQueryService } from './applicants/applicant-query.service';
import { ApplicantRepository } from './applicants/applicant.repository';
import { ApplicantService } from './applicants/applicant.service';
import { ApplicationDraftingService } from './applications/application-drafting.service';
import { ApplicationEvents } from './applications/application-events';
import { ApplicationPort } from './applications/application-port';
import { ApplicationQueryService } from './applications/application-query.service';
import { ApplicationRepository } from './applications/application.repository';
import { ApplicationReviewService } from './applications/application-review.service';
import { ApplicationTerms } from './applications/application-terms';
import { ApplicationWorkflow } from './applications/application-workflow';

/** For other contexts: the port, and the events they may react to. */
const PUBLISHED = [ApplicationPort, ApplicationEvents, ApplicantContactPort];

/** The use cases the HTTP API calls. */
const USE_CASES = [
  ApplicantService,
  ApplicantQueryService,
  ApplicationDraftingService,
  ApplicationReviewService,
  ApplicationQueryService,
];

const INTERNAL = [ApplicantPii, ApplicantRepository, ApplicationRepository, ApplicationTerms, ApplicationWorkflow];

/** The applicant registry and the application review workflow (申请 → 初审/推荐 → 资格审核 → 担保审核 → 银行审批). */
@Module({
  imports: [AuthModule, CalendarModule, LoanPoliciesModule],
  providers: [...PUBLISHED, ...USE_CASES, ...INTERNAL],
  exports: [...PUBLISHED, ...USE_CASES],
})
export class ApplicantsModule {}
