import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import {
  DailyCloseRunStatus,
  DailyCloseTrigger,
  type DailyCloseFigures,
  type DailyCloseRequested,
  type DailyCloseRun,
} from '@mla/loans';
import { IsLocalDate } from '../common/patterns';

export class StartDailyCloseRequest {
  @ApiProperty({ example: '2026-12-01', description: 'The business date to close; on or before today (Asia/Shanghai)' })
  @IsString()
  @IsLocalDate()
  businessDate: string;
}

export class DailyCloseRunResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026-12-01' }) businessDate: string;
  @ApiProperty({ enum: DailyCloseRunStatus }) status: DailyCloseRunStatus;
  @ApiProperty({ enum: DailyCloseTrigger }) trigger: DailyCloseTrigger;
  @ApiProperty({ nullable: true, type: String, description: 'The administrator who asked for it (MANUAL)' })
  requestedByUserId: string | null;
  @ApiProperty({ description: 'How many times the date was started (a failed or interrupted run is retaken)' })
  attempts: number;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationMs: number | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'The close and its steps: installmentsMarkedOverdue, installmentsAccruingPenalty, penaltyAccruedFen (fen, as ' +
      'a string), loansMarkedOverdue, loansPastDue, maxDaysPastDue, compensationAlertsOpened/Closed/Open, steps',
  })
  figures: DailyCloseFigures | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed (FAILED only): an error code' })
  errorCode: string | null;

  static from(r: DailyCloseRun): DailyCloseRunResponse {
    return {
      id: r.id,
      businessDate: r.businessDate,
      status: r.status,
      trigger: r.trigger,
      requestedByUserId: r.requestedByUserId,
      attempts: r.attempts,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      durationMs: r.durationMs,
      figures: r.figures,
      errorCode: r.errorCode,
    };
  }
}

export class DailyCloseRunPage {
  @ApiProperty({ type: [DailyCloseRunResponse] }) items: DailyCloseRunResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DailyCloseStartedResponse {
  @ApiProperty({ example: '2026-12-01' }) businessDate: string;
  @ApiProperty({ description: 'True when the date is already closed: nothing is queued, `run` is the stored run' })
  alreadyClosed: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The queued job (none when already closed)' })
  jobId: string | null;
  @ApiProperty({
    nullable: true,
    type: DailyCloseRunResponse,
    description: "The date's run so far (a failed one to be retaken, or the closed one); none before its first run",
  })
  run: DailyCloseRunResponse | null;

  static from(r: DailyCloseRequested): DailyCloseStartedResponse {
    return {
      businessDate: r.businessDate,
      alreadyClosed: r.alreadyClosed,
      jobId: r.jobId,
      run: r.run ? DailyCloseRunResponse.from(r.run) : null,
    };
  }
}
