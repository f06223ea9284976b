import type { MigrationInterface } from 'typeorm';
import { CreateOrganisationsAndUsers1795355120232 } from './1795355120232-CreateOrganisationsAndUsers';
import { CreateAuditLog1795355120233 } from './1795355120233-CreateAuditLog';
import { CreateOutbox1795355120234 } from './1795355120234-CreateOutbox';
import { CreateLoanPolicies1795357793236 } from './1795357793236-CreateLoanPolicies';
import { CreateApplicantsAndApplications1795358239282 } from './1795358239282-CreateApplicantsAndApplications';
import { CreateLoansAndRepayments1795359967480 } from './1795359967480-CreateLoansAndRepayments';
import { AddRepaymentKind1795360535472 } from './1795360535472-AddRepaymentKind';
import { AddLoanExtension1795360672980 } from './1795360672980-AddLoanExtension';
import { AddLoanAllocationOrder1795360868887 } from './1795360868887-AddLoanAllocationOrder';
import { SeedLprHistory1795361100000 } from './1795361100000-SeedLprHistory';
import { AllowClosedApplications1795361400000 } from './1795361400000-AllowClosedApplications';
import { AddPolicyPrepaymentMode1795362025708 } from './1795362025708-AddPolicyPrepaymentMode';
import { CreateGuaranteeFunds1796167814199 } from './1796167814199-CreateGuaranteeFunds';
import { AddLeverageAssessments1796169033566 } from './1796169033566-AddLeverageAssessments';
import { AddLoanBorrowerAccount1796169473048 } from './1796169473048-AddLoanBorrowerAccount';
import { CreateReconciliation1796170995520 } from './1796170995520-CreateReconciliation';
import { AddApplicantNameIndex1796171973599 } from './1796171973599-AddApplicantNameIndex';
import { HardenStatementImports1796189477438 } from './1796189477438-HardenStatementImports';
import { GrantAppRole1796200000000 } from './1796200000000-GrantAppRole';
import { ServicingByValueDate1796300000000 } from './1796300000000-ServicingByValueDate';
import { AddLoanFirstDueDate1796330000000 } from './1796330000000-AddLoanFirstDueDate';
import { AddBackdatedPostingRequests1796320000000 } from './1796320000000-AddBackdatedPostingRequests';
import { AddDailyCloseRuns1796310000000 } from './1796310000000-AddDailyCloseRuns';
import { AddCalendarDays1796340000000 } from './1796340000000-AddCalendarDays';
import { LoansRoomForUpdates1796370000000 } from './1796370000000-LoansRoomForUpdates';
import { StatementMappingsAndCurrency1796430000000 } from './1796430000000-StatementMappingsAndCurrency';
import { AddSubsidyBudgets1796360000000 } from './1796360000000-AddSubsidyBudgets';
import { CreateNotifications1796410000000 } from './1796410000000-CreateNotifications';
import { AddUserPhonesAndOfficerNotices1796460000000 } from './1796460000000-AddUserPhonesAndOfficerNotices';
import { AddStaffNoticeTemplates1796470000000 } from './1796470000000-AddStaffNoticeTemplates';
import { AddStatisticsLoanFacts1796480000000 } from './1796480000000-AddStatisticsLoanFacts';
import { AddStatisticsLoanFactsAsOfIndex1796490000000 } from './1796490000000-AddStatisticsLoanFactsAsOfIndex';
import { AddSubsidyClaims1796380000000 } from './1796380000000-AddSubsidyClaims';
import { AddLoanFollowUps1796390000000 } from './1796390000000-AddLoanFollowUps';
import { AddLoanContacts1796420000000 } from './1796420000000-AddLoanContacts';
import { AddStatistics1796450000000 } from './1796450000000-AddStatistics';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateOrganisationsAndUsers1795355120232,
  CreateAuditLog1795355120233,
  CreateOutbox1795355120234,
  CreateLoanPolicies1795357793236,
  CreateApplicantsAndApplications1795358239282,
  CreateLoansAndRepayments1795359967480,
  AddRepaymentKind1795360535472,
  AddLoanExtension1795360672980,
  AddLoanAllocationOrder1795360868887,
  SeedLprHistory1795361100000,
  AllowClosedApplications1795361400000,
  AddPolicyPrepaymentMode1795362025708,
  CreateGuaranteeFunds1796167814199,
  AddLeverageAssessments1796169033566,
  AddLoanBorrowerAccount1796169473048,
  CreateReconciliation1796170995520,
  AddApplicantNameIndex1796171973599,
  HardenStatementImports1796189477438,
  GrantAppRole1796200000000,
  ServicingByValueDate1796300000000,
  AddLoanFirstDueDate1796330000000,
  AddBackdatedPostingRequests1796320000000,
  AddDailyCloseRuns1796310000000,
  AddCalendarDays1796340000000,
  LoansRoomForUpdates1796370000000,
  AddSubsidyBudgets1796360000000,
  AddSubsidyClaims1796380000000,
  AddLoanFollowUps1796390000000,
  CreateNotifications1796410000000,
  AddLoanContacts1796420000000,
  StatementMappingsAndCurrency1796430000000,
  AddStatistics1796450000000,
  AddUserPhonesAndOfficerNotices1796460000000,
  AddStaffNoticeTemplates1796470000000,
  AddStatisticsLoanFacts1796480000000,
  AddStatisticsLoanFactsAsOfIndex1796490000000,
];
