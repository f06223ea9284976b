import type { Provider } from '@nestjs/common';
import { AppConfig } from '@mla/config';
import { MessageChannel } from './channel';
import { LogChannel } from './log.channel';
import { SmsHttpChannel } from './sms-http.channel';

/** The channel NOTIFY_CHANNEL names: the log (default, the quickstart) or the SMS gateway. */
export const MESSAGE_CHANNEL_PROVIDER: Provider = {
  provide: MessageChannel,
  inject: [AppConfig],
  useFactory: (config: AppConfig): MessageChannel => {
    const env = config.env;
    if (
      env.NOTIFY_CHANNEL === 'sms' &&
      env.NOTIFY_SMS_URL &&
      env.NOTIFY_SMS_ACCESS_KEY_ID &&
      env.NOTIFY_SMS_ACCESS_KEY_SECRET
    ) {
      return new SmsHttpChannel({
        url: env.NOTIFY_SMS_URL,
        accessKeyId: env.NOTIFY_SMS_ACCESS_KEY_ID,
        accessKeySecret: env.NOTIFY_SMS_ACCESS_KEY_SECRET,
        timeoutMs: env.NOTIFY_SMS_TIMEOUT_MS,
        maxSockets: env.NOTIFY_SEND_CONCURRENCY,
      });
    }
    return new LogChannel();
  },
};
