import { MessageFailureCode } from '../notification-enums';
import { ChannelError, MessageChannel, type OutgoingMessage, type SentMessage } from './channel';
import { signRequest } from './signing';

export interface SmsGatewayOptions {
  url: string;
  accessKeyId: string;
  accessKeySecret: string;
  timeoutMs: number;
  now?: () => number;
}

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
  private readonly path: string;

  constructor(private readonly options: SmsGatewayOptions) {
    super();
    this.path = new URL(options.url).pathname;
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
    const headers = signRequest(this.options.accessKeyId, this.options.accessKeySecret, 'POST', this.path, body, now);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.messageId, ...headers },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      // Aborted (timeout) or no connection: the gateway may or may not have it; the idempotency key covers a resend.
      throw new ChannelError(MessageFailureCode.GATEWAY_TIMEOUT, false);
    }
    const answer = (await response.json().catch(() => ({}))) as { code?: unknown; bizId?: unknown };
    const gatewayCode = typeof answer.code === 'string' ? answer.code.slice(0, 64) : null;
    if (response.status >= 500) throw new ChannelError(MessageFailureCode.GATEWAY_ERROR, false, gatewayCode);
    if (response.status >= 400 || gatewayCode !== 'OK' || typeof answer.bizId !== 'string') {
      const code =
        gatewayCode && BAD_NUMBER_CODES.has(gatewayCode)
          ? MessageFailureCode.INVALID_PHONE
          : MessageFailureCode.GATEWAY_REJECTED;
      throw new ChannelError(code, true, gatewayCode ?? `HTTP_${response.status}`);
    }
    return { gatewayMessageId: answer.bizId.slice(0, 100) };
  }
}
