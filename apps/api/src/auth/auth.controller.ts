import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { AccessPolicy, Permission, SessionService, type Actor } from '@mla/auth';
import { ErrorResponse } from '../http/error-response';
import { UserResponse } from '../users/user.dto';
import { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse } from './auth.dto';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly access: AccessPolicy,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Username or password is incorrect' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many failed attempts; see Retry-After' })
  async login(@Body() body: LoginRequest, @Req() req: Request): Promise<LoginResponse> {
    const result = await this.sessions.login(body.username, body.password, req.ip ?? 'unknown');
    return {
      accessToken: result.accessToken,
      tokenType: 'Bearer',
      expiresIn: result.expiresIn,
      user: UserResponse.from(result.user),
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): MeResponse {
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      organisationId: actor.organisationId,
      organisationKind: actor.organisationKind,
      regionCode: actor.regionCode,
      roles: actor.roles,
      permissions: Object.values(Permission).filter((p) => this.access.can(actor, p)),
    };
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Password changed; tokens issued before are revoked' })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordRequest): Promise<void> {
    await this.sessions.changeOwnPassword(actor, body.currentPassword, body.newPassword);
  }
}
