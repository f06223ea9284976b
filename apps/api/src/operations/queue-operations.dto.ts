import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { QueueName, type FailedJob } from '@mla/queue';
import { PageQueryDto } from '../common/page-query.dto';

const QUEUES = Object.values(QueueName);

export class FailedJobsQuery extends PageQueryDto {
  @ApiProperty({ enum: QueueName, description: 'The queue' })
  @IsIn(QUEUES)
  queue: QueueName;
}

export class JobParams {
  @ApiProperty({ enum: QueueName }) @IsIn(QUEUES) queue: QueueName;

  @ApiProperty({ example: 'daily-close-2026-06-15', description: 'The job id (no ":")' })
  @Matches(/^[A-Za-z0-9_.-]{1,200}$/, { message: 'id must be a job id (letters, digits, "-", "_", ".")' })
  id: string;
}

export class FailedJobResponse {
  @ApiProperty({ enum: QueueName }) queue: string;
  @ApiProperty({ example: 'daily-close-2026-06-15' }) id: string;
  @ApiProperty({ example: 'close-business-date', description: 'The job name' }) name: string;
  @ApiProperty({ description: "The error's message (first line); never the job's data" }) failedReason: string;
  @ApiProperty({ description: 'Attempts made before it failed for good' }) attemptsMade: number;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) failedAt: string | null;

  static from(job: FailedJob): FailedJobResponse {
    return {
      queue: job.queue,
      id: job.id,
      name: job.name,
      failedReason: job.failedReason,
      attemptsMade: job.attemptsMade,
      queuedAt: job.queuedAt.toISOString(),
      failedAt: job.failedAt ? job.failedAt.toISOString() : null,
    };
  }
}

export class FailedJobPage {
  @ApiProperty({ type: [FailedJobResponse] }) items: FailedJobResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class QueueDashboardSessionResponse {
  @ApiProperty({ example: '/admin/queues', description: 'Open this page in the same browser' }) url: string;
  @ApiProperty({ example: 600, description: 'Seconds the cookie stays valid' }) expiresIn: number;
}
