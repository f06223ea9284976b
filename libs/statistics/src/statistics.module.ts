import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { GuaranteeFundsModule } from '@mla/guarantee-funds';
import { LoansModule } from '@mla/loans';
import { OutboxRepository } from '@mla/queue';
import { LabelsRepository } from './reports/labels.repository';
import { StatisticsQueryService } from './reports/statistics-query.service';
import { StatisticsReportService } from './reports/statistics-report.service';
import { SnapshotCloseStep } from './snapshots/snapshot-close.step';
import { SnapshotRepository } from './snapshots/snapshot.repository';
import { SnapshotService } from './snapshots/snapshot.service';
import { TargetService } from './targets/target.service';
import { WarningEvaluator } from './warnings/warning-evaluator.service';
import { WarningQueryService } from './warnings/warning-query.service';
import { WarningListRepository, WarningRepository } from './warnings/warning.repository';

/** Use cases the apps drive (HTTP controllers, worker jobs). */
const USE_CASES = [
  SnapshotService,
  StatisticsQueryService,
  StatisticsReportService,
  TargetService,
  WarningQueryService,
];

/** Repositories and helpers shared by the use cases; never exported. */
const INTERNAL = [
  SnapshotRepository,
  LabelsRepository,
  WarningRepository,
  WarningListRepository,
  WarningEvaluator,
  SnapshotCloseStep,
  OutboxRepository,
];

/**
 * Statistics 统计: named rate formulas, daily snapshots of the programme's figures by scope and breakdown (queued by
 * the nightly close), targets and early warnings, and the reports of the chain of reporting. A read model: it reads
 * other contexts' tables set-based in its snapshot SQL (listed in `snapshots/snapshot.sql.ts`) and writes only its own.
 */
@Module({
  imports: [AuthModule, LoansModule, GuaranteeFundsModule],
  providers: [...USE_CASES, ...INTERNAL],
  exports: [...USE_CASES],
})
export class StatisticsModule {}
