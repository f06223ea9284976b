import { Logger } from '@nestjs/common';
import { smsSegments } from '../templates/render';
import { MessageChannel, type OutgoingMessage, type SentMessage } from './channel';

/**
 * For development and the quickstart: logs that a message would go out (its id and length only: never the phone
 * or the text) and answers at once.
 */
export class LogChannel extends MessageChannel {
  readonly name = 'log';
  private readonly logger = new Logger('NotificationLogChannel');

  send(message: OutgoingMessage): Promise<SentMessage> {
    this.logger.log(
      `message ${message.messageId} (template ${message.gatewayTemplateCode}, ${smsSegments(message.text)} segment(s)) logged, not sent`,
    );
    return Promise.resolve({ gatewayMessageId: `log-${message.messageId}` });
  }
}
