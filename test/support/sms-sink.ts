import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@mla/notifications';

/** One request the sink received. */
export interface SinkRequest {
  outId: string;
  phone: string;
  templateCode: string;
  params: Record<string, string>;
  /** When it arrived by the clock the test gives (its frozen business time), ISO. */
  at: string;
  signed: boolean;
}

/** What the sink answers a request: a status (200 accepts it) after an optional delay. */
export type SinkBehaviour = (request: SinkRequest, nth: number) => { status: number; code?: string; delayMs?: number };

/**
 * A local SMS gateway for the tests: a real HTTP server in the shape of the usual Chinese gateways. It checks the
 * signature, keeps every request, and delivers each message id (`outId`, the idempotency key) once: a second request
 * with the same key is answered with the first one's bizId and counted as a duplicate, never delivered again.
 */
export class SmsSink {
  readonly requests: SinkRequest[] = [];
  /** Delivered messages by outId (once each). */
  readonly delivered = new Map<string, SinkRequest & { bizId: string }>();
  duplicates = 0;
  behaviour: SinkBehaviour = () => ({ status: 200 });
  private server?: Server;
  private seq = 0;

  constructor(
    private readonly keyId: string,
    private readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms/send`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests per outId (more than one: the sender asked again; the sink delivered it once). */
  requestsOf(outId: string): number {
    return this.requests.filter((r) => r.outId === outId).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = JSON.parse(raw) as {
      phoneNumbers: string;
      templateCode: string;
      templateParam: string;
      outId: string;
    };
    const request: SinkRequest = {
      outId: body.outId,
      phone: body.phoneNumbers,
      templateCode: body.templateCode,
      params: JSON.parse(body.templateParam) as Record<string, string>,
      at: this.now().toISOString(),
      signed: verifySignature(this.secret, this.keyId, req.headers, 'POST', req.url ?? '', raw, Date.now()),
    };
    this.requests.push(request);
    const answer = this.behaviour(request, this.requests.filter((r) => r.outId === request.outId).length);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    if (answer.status !== 200 || !request.signed) {
      res.writeHead(request.signed ? answer.status : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: request.signed ? (answer.code ?? 'ERROR') : 'SIGNATURE_DOES_NOT_MATCH' }));
      return;
    }
    let entry = this.delivered.get(request.outId);
    if (entry) this.duplicates += 1;
    else {
      entry = { ...request, bizId: `biz-${++this.seq}` };
      this.delivered.set(request.outId, entry);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'OK', bizId: entry.bizId, requestId: String(this.seq) }));
  }
}
