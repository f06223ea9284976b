import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { ArgumentsHost, INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AuthErrorCode } from '@mla/auth';
import { RequestContext, UnauthenticatedError } from '@mla/core';
import { QueueInspector } from '@mla/queue';
import { DomainExceptionFilter } from '../http/domain-exception.filter';
import { QueueOperationsService } from './queue-operations.service';

/** Where the dashboard is served, and the cookie (scoped to that path) that opens it. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'mla_queue_dashboard';

/** The value of one cookie of a Cookie header (no parser needed for one name). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Serves the queue dashboard (Bull Board, read-only: a retry goes through POST /admin/jobs/{queue}/{id}/retry, which
 * is audited) at /admin/queues to system administrators. A browser page cannot send the API's bearer token, so the
 * signed-in administrator first asks POST /admin/queue-dashboard/session for a short-lived token in an HttpOnly,
 * SameSite=Strict cookie scoped to this path; every request here (the page, its scripts, its API calls) is checked
 * against it and the user is re-read. Without it 401, without the role 403, in the API's error shape; never the board.
 * The board and its Redis connection are built on the first authorised request.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const operations = app.get(QueueOperationsService);
  const filter = new DomainExceptionFilter();
  let board: RequestHandler | undefined;
  const boardRouter = (): RequestHandler => {
    if (board) return board;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: app
        .get(QueueInspector)
        .all()
        .map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      // @bull-board/express 9.10.1 carries its own copy of @bull-board/api (9.10.1, beside our 9.10.2): the same
      // interface at run time, two declarations for the type checker.
      serverAdapter: serverAdapter as unknown as IServerAdapter,
      options: { uiConfig: { boardTitle: '任务队列' } },
    });
    board = serverAdapter.getRouter() as RequestHandler;
    return board;
  };
  const guard = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const token = readCookie(req.headers.cookie, QUEUE_DASHBOARD_COOKIE);
      if (!token) {
        throw new UnauthenticatedError(
          AuthErrorCode.TOKEN_INVALID,
          'Open the queue dashboard with POST /admin/queue-dashboard/session first',
        );
      }
      const actor = await operations.dashboardActor(token);
      RequestContext.setActor({ userId: actor.userId, username: actor.username, organisationId: actor.organisationId });
      boardRouter()(req, res, next);
    } catch (error) {
      filter.catch(error, httpHost(req, res));
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, (req: Request, res: Response, next: NextFunction) => void guard(req, res, next));
}

/** The one error mapping of the API, used outside Nest's routing. */
function httpHost(req: Request, res: Response): ArgumentsHost {
  return { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
}
