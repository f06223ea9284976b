import { type MessageFailureCode } from '../notification-enums';

/** What a channel needs to send one message: the message id is the gateway's idempotency key. */
export interface OutgoingMessage {
  messageId: string;
  phone: string;
  signName: string;
  gatewayTemplateCode: string;
  /** The template's values, as the gateway fills its registered template. */
  params: Record<string, string>;
  /** The rendered text (the log channel counts it; the SMS gateway renders its own registered template). */
  text: string;
}

export interface SentMessage {
  gatewayMessageId: string;
}

/**
 * A refusal by the channel. `permanent` refusals (a bad number, a refused request) are not retried; the others (5xx,
 * timeouts, no connection) are, with backoff. `gatewayCode` is the gateway's own code, never personal data.
 */
export class ChannelError extends Error {
  constructor(
    readonly code: MessageFailureCode,
    readonly permanent: boolean,
    readonly gatewayCode: string | null = null,
  ) {
    super(`channel refused: ${code}${gatewayCode ? ` (${gatewayCode})` : ''}`);
  }
}

/** A way of sending messages, chosen by NOTIFY_CHANNEL. */
export abstract class MessageChannel {
  abstract readonly name: string;
  abstract send(message: OutgoingMessage): Promise<SentMessage>;
}
