import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApplicantsModule } from '@mla/applicants';
import { AuthModule } from '@mla/auth';
import { CalendarModule } from '@mla/calendar';
import { AppConfig, ConfigModule } from '@mla/config';
import type { Clock } from '@mla/core';
import { DatabaseModule } from '@mla/database';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { QueueInspector, RedisModule } from '@mla/queue';
import { GuaranteeFundsModule } from '@mla/guarantee-funds';
import { ReconciliationModule } from '@mla/reconciliation';
import { LoansModule } from '@mla/loans';
import { NotificationsModule } from '@mla/notifications';
import { StatisticsModule } from '@mla/statistics';
import { SubsidiesModule } from '@mla/subsidies';
import { ApplicantsController } from './applicants/applicants.controller';
import { ApplicationsController } from './applications/applications.controller';
import { AuditController } from './audit/audit.controller';
import { CalendarController } from './calendar/calendar.controller';
import { BackdatedPostingsController } from './loans/backdated-postings.controller';
import { FollowUpsController } from './loans/follow-ups.controller';
import { LoansController } from './loans/loans.controller';
import { LoanContactsController } from './loans/loan-contacts.controller';
import { CallListController } from './collections/call-list.controller';
import { JobsController } from './operations/jobs.controller';
import { QueueDashboardController } from './operations/queue-dashboard.controller';
import { QueueOperationsService } from './operations/queue-operations.service';
import { DisbursementsController } from './disbursements/disbursements.controller';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { GuaranteeFundsController } from './guarantee-funds/guarantee-funds.controller';
import { CompensationClaimsController, GuaranteesController } from './guarantee-funds/claims-and-guarantees.controller';
import { CompensationAlertsController } from './guarantee-funds/compensation-alerts.controller';
import { DailyCloseController } from './daily-close/daily-close.controller';
import { SubsidyBudgetsController } from './subsidies/subsidy-budgets.controller';
import { SubsidyClaimsController } from './subsidies/subsidy-claims.controller';
import { SubsidySettlementsController } from './subsidies/subsidy-settlements.controller';
import { NotificationMessagesController } from './notifications/notification-messages.controller';
import { NotificationSettingsController } from './notifications/notification-settings.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { AuthController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { HealthController } from './health/health.controller';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { createValidationPipe } from './http/validation';
import { OrganisationsController } from './organisations/organisations.controller';
import { LoanPoliciesController } from './policies/loan-policies.controller';
import { LprRatesController } from './policies/lpr-rates.controller';
import { ReferenceController } from './reference/reference.controller';
import { RegionsController } from './regions/regions.controller';
import { UsersController } from './users/users.controller';

@Module({})
export class ApiModule {
  /** The whole HTTP application for a given configuration (tests pass their own). */
  static forConfig(config: AppConfig, clock?: Clock) {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        DatabaseModule.forRoot('api'),
        RedisModule,
        AuthModule,
        CalendarModule,
        LoanPoliciesModule,
        LoansModule,
        ApplicantsModule,
        GuaranteeFundsModule,
        ReconciliationModule,
        SubsidiesModule,
        NotificationsModule,
        StatisticsModule,
      ],
      // Re-exported so providers next to the api module (the demo seeder in tests) reach the loan services.
      exports: [LoanPoliciesModule, GuaranteeFundsModule, ReconciliationModule],
      controllers: [
        HealthController,
        AuthController,
        RegionsController,
        OrganisationsController,
        UsersController,
        AuditController,
        LoanPoliciesController,
        LprRatesController,
        ApplicantsController,
        ApplicationsController,
        LoansController,
        LoanContactsController,
        CallListController,
        BackdatedPostingsController,
        FollowUpsController,
        DisbursementsController,
        ReconciliationController,
        GuaranteeFundsController,
        GuaranteesController,
        CompensationClaimsController,
        CompensationAlertsController,
        DailyCloseController,
        CalendarController,
        SubsidyBudgetsController,
        SubsidyClaimsController,
        SubsidySettlementsController,
        NotificationSettingsController,
        NotificationMessagesController,
        StatisticsController,
        ReferenceController,
        JobsController,
        QueueDashboardController,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        QueueInspector,
        QueueOperationsService,
      ],
    };
  }
}
