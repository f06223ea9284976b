import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { CurrentActor } from '../auth/current-actor.decorator';
import { FailedJobPage, FailedJobResponse, FailedJobsQuery, JobParams } from './queue-operations.dto';
import { QueueOperationsService } from './queue-operations.service';

/** Failed jobs of the queues, for system administrators. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly operations: QueueOperationsService) {}

  @Get('failed')
  @ApiOperation({
    summary: 'List the failed jobs of a queue',
    description:
      'Jobs that failed for good (every attempt used, or refused as unrecoverable), the latest failure first: name, ' +
      'id, the error’s first line, attempts and times; never the job’s data. Failed jobs are kept ' +
      'QUEUE_KEEP_FAILED_DAYS days (QUEUE_KEEP_FAILED at most per queue). System administrators.',
  })
  @ApiOkResponse({ type: FailedJobPage })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED, INVALID_CURSOR: an unknown queue, a bad limit or cursor',
  })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only system administrators manage the queues' })
  @ApiResponse({ status: 503, description: 'SERVICE_UNAVAILABLE: Redis does not answer' })
  async failed(@CurrentActor() actor: Actor, @Query() q: FailedJobsQuery): Promise<FailedJobPage> {
    const page = await this.operations.failed(actor, q.queue, q.limit, q.cursor);
    return { items: page.items.map((j) => FailedJobResponse.from(j)), nextCursor: page.nextCursor };
  }

  @Post(':queue/:id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry a failed job',
    description:
      'Moves the failed job back to waiting with its attempts counted afresh; the worker runs it again (handlers ' +
      're-check the state, so a job whose work was done meanwhile does nothing). Audited (queue.job_retried). ' +
      'Answers the job as it was before the retry.',
  })
  @ApiOkResponse({ type: FailedJobResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: an unknown queue or a malformed job id' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only system administrators manage the queues' })
  @ApiResponse({ status: 404, description: 'JOB_NOT_FOUND: no such job (never queued, or removed after retention)' })
  @ApiResponse({ status: 409, description: 'JOB_NOT_FAILED: the job is waiting, running or completed' })
  @ApiResponse({ status: 503, description: 'SERVICE_UNAVAILABLE: Redis does not answer' })
  async retry(@CurrentActor() actor: Actor, @Param() p: JobParams): Promise<FailedJobResponse> {
    return FailedJobResponse.from(await this.operations.retry(actor, p.queue, p.id));
  }
}
