import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthErrorCode, SessionService } from '@mla/auth';
import { RequestContext, UnauthenticatedError } from '@mla/core';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthenticatedError(
        AuthErrorCode.TOKEN_INVALID,
        'An access token is required: Authorization: Bearer <token>',
      );
    }
    const actor = await this.sessions.authenticate(token);
    req.actor = actor;
    RequestContext.setActor({ userId: actor.userId, username: actor.username, organisationId: actor.organisationId });
    return true;
  }
}
