import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { runProbes, type HealthReport } from '@mla/core';
import { DatabaseHealth } from '@mla/database';
import { REDIS_CLIENT } from '@mla/queue';
import { Public } from '../auth/public.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /** 200 when PostgreSQL and Redis answer, 503 otherwise (with which one failed). */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Database and Redis are up' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await runProbes({
      database: () => this.database.ping(),
      redis: () => this.redis.ping(),
    });
    if (report.status !== 'ok') res.status(503);
    return report;
  }
}
