import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { MessageFailureCode } from '../notification-enums';
import { ChannelError, MessageChannel, type OutgoingMessage, type SentMessage } from './channel';
import { signRequest } from './signing';

export interface SmsGatewayOptions {
  url: string;
  accessKeyId: string;
  accessKeySecret: string;
  timeoutMs: number;
  /** Connections kept open to the gateway (a worker's sends at once). */
  maxSockets?: number;
  now?: () => number;
}

/** A gateway's answer is a small JSON object: a longer one is cut off (and so not accepted). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Gateway codes that mean the number itself is wrong. */
const BAD_NUMBER_CODES = new Set(['INVALID_PHONE', 'MOBILE_NUMBER_ILLEGAL', 'INVALID_MOBILE']);

/**
 * Posts one message to an SMS gateway over HTTP in the common shape of Chinese SMS gateways: a JSON body with the
 * phone numbers, the signature name, the registered template's code and its values, and our message id (`outId`)
 * which the gateway keeps as the idempotency key; the request is signed (HMAC-SHA256 with timestamp and nonce).
 * 2xx with `code: "OK"` is accepted (its `bizId` kept); 4xx is refused for good; 5xx, timeouts and network errors
 * are retried by the send job's backoff.
 */
export class SmsHttpChannel extends MessageChannel {
  readonly name = 'sms';
  private readonly url: URL;
  private readonly agent: HttpAgent;

  constructor(private readonly options: SmsGatewayOptions) {
    super();
    this.url = new URL(options.url);
    // Kept-alive connections: a send is one request on an open connection, not a new connection each. Idle ones do
    // not hold the process open, and the agent is not destroyed at shutdown: sends still running then (the workers
    // close after the modules) must finish on their connections.
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 100 };
    this.agent = this.url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    const body = JSON.stringify({
      phoneNumbers: message.phone,
      signName: message.signName,
      templateCode: message.gatewayTemplateCode,
      templateParam: JSON.stringify(message.params),
      outId: message.messageId,
    });
    const now = this.options.now?.() ?? Date.now();
    const headers = signRequest(
      this.options.accessKeyId,
      this.options.accessKeySecret,
      'POST',
      this.url.pathname,
      body,
      now,
    );
    let status: number;
    let text: string;
    try {
      ({ status, text } = await this.post(body, {
        'content-type': 'application/json',
        'idempotency-key': message.messageId,
        ...headers,
      }));
    } catch {
      // Timed out or no connection: the gateway may or may not have it; the idempotency key covers a resend.
      throw new ChannelError(MessageFailureCode.GATEWAY_TIMEOUT, false);
    }
    const answer = parseAnswer(text);
    const gatewayCode = typeof answer.code === 'string' ? answer.code.slice(0, 64) : null;
    if (status >= 500) throw new ChannelError(MessageFailureCode.GATEWAY_ERROR, false, gatewayCode);
    if (status >= 400 || gatewayCode !== 'OK' || typeof answer.bizId !== 'string') {
      const code =
        gatewayCode && BAD_NUMBER_CODES.has(gatewayCode)
          ? MessageFailureCode.INVALID_PHONE
          : MessageFailureCode.GATEWAY_REJECTED;
      throw new ChannelError(code, true, gatewayCode ?? `HTTP_${status}`);
    }
    return { gatewayMessageId: answer.bizId.slice(0, 100) };
  }

  /** One POST on a kept-alive connection; the timeout covers the whole exchange, answer included. */
  private post(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        this.url,
        { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
          });
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', fail);
        },
      );
      function fail(error: Error): void {
        clearTimeout(timer);
        reject(error);
      }
      const timer = setTimeout(() => req.destroy(new Error('timed out')), this.options.timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
  }
}

function parseAnswer(text: string): { code?: unknown; bizId?: unknown } {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as { code?: unknown; bizId?: unknown }) : {};
  } catch {
    return {};
  }
}
