import { Controller, Delete, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { CurrentActor } from '../auth/current-actor.decorator';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH } from './queue-dashboard';
import { QueueDashboardSessionResponse } from './queue-operations.dto';
import { QueueOperationsService } from './queue-operations.service';

/** Opens the queue dashboard for a signed-in system administrator's browser. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/queue-dashboard')
export class QueueDashboardController {
  constructor(
    private readonly operations: QueueOperationsService,
    private readonly config: AppConfig,
  ) {}

  @Post('session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open the queue dashboard',
    description:
      'Sets a cookie (HttpOnly, SameSite=Strict, Secure in production, path /admin/queues) holding a token valid ' +
      'QUEUE_DASHBOARD_TTL_SECONDS (default 600) for this user only, which opens the read-only queue dashboard at ' +
      '/admin/queues in the same browser. The token is refused anywhere else, and at once when the user is ' +
      'disabled, changes her password or loses the role. System administrators; audited (queue.dashboard_opened).',
  })
  @ApiOkResponse({ type: QueueDashboardSessionResponse })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only system administrators manage the queues' })
  async open(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueueDashboardSessionResponse> {
    const { token, ttlSeconds } = await this.operations.openDashboard(actor);
    res.cookie(QUEUE_DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.isProduction,
      path: QUEUE_DASHBOARD_PATH,
      maxAge: ttlSeconds * 1000,
    });
    return { url: QUEUE_DASHBOARD_PATH, expiresIn: ttlSeconds };
  }

  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close the queue dashboard', description: "Clears the dashboard's cookie in this browser." })
  @ApiNoContentResponse({ description: 'Cleared' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  close(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(QUEUE_DASHBOARD_COOKIE, { path: QUEUE_DASHBOARD_PATH, httpOnly: true, sameSite: 'strict' });
  }
}
