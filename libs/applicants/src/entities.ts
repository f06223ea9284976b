import { Applicant } from './applicants/applicant.entity';
import { LoanApplication } from './applications/application.entity';
import { ApplicationTransition } from './applications/application-transition.entity';
import { FieldVisit } from './applications/field-visit.entity';
import { ReviewStepDeadline } from './applications/review-step-deadline.entity';

export const APPLICANTS_ENTITIES = [Applicant, LoanApplication, ApplicationTransition, FieldVisit, ReviewStepDeadline];
