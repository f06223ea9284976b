import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { AppConfig } from '@mla/config';
import { runProbes, type HealthReport } from '@mla/core';
import { DatabaseHealth } from '@mla/database';
import { QueueInspector, REDIS_CLIENT, type QueueDepth } from '@mla/queue';
import { Public } from '../auth/public.decorator';

/** The probes, and each queue's depth (null when Redis did not answer in HEALTH_QUEUE_TIMEOUT_MS). */
export type ApiHealthReport = HealthReport & { queues: Record<string, QueueDepth> | null };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly queues: QueueInspector,
    private readonly config: AppConfig,
  ) {}

  /** 200 when PostgreSQL and Redis answer, 503 otherwise (with which one failed); with the queues' depth. */
  @Public()
  @Get()
  @ApiOperation({
    summary: 'Health',
    description:
      'PostgreSQL and Redis probes (each bounded to 2 s), and per queue the jobs waiting, active, delayed and failed ' +
      '(`queues`, null when Redis does not answer within HEALTH_QUEUE_TIMEOUT_MS, default 500 ms: the figures never ' +
      'make the answer slow or fail it). Failed jobs do not make the service unhealthy; see GET /admin/jobs/failed.',
  })
  @ApiOkResponse({ description: 'Database and Redis are up' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<ApiHealthReport> {
    const [report, queues] = await Promise.all([
      runProbes({
        database: () => this.database.ping(),
        redis: () => this.redis.ping(),
      }),
      this.queues.depths(this.config.env.HEALTH_QUEUE_TIMEOUT_MS),
    ]);
    if (report.status !== 'ok') res.status(503);
    return { ...report, queues };
  }
}
