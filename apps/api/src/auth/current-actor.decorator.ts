import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@mla/auth';

export type AuthenticatedRequest = { actor?: Actor };

/** The authenticated actor, set by the JwtAuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor as Actor;
});
