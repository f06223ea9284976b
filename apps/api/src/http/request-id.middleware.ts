import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '@mla/core';

const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it looks sane, else a new UUID), echoes it in the
 * response, and runs the rest of the request inside a RequestContext so logs and audit rows carry it.
 */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  (req as Request & { id?: string }).id = requestId;
  RequestContext.run({ requestId, ip: req.ip ?? null }, () => next());
}
