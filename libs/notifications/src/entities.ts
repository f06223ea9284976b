import { NotificationConsent } from './consents/notification-consent.entity';
import { NotificationMessage } from './messages/notification-message.entity';
import { NotificationPhoneDay } from './messages/phone-day.entity';
import { NotificationRule } from './rules/notification-rule.entity';
import { NotificationTemplate } from './templates/notification-template.entity';

/** The notifications context's tables. */
export const NOTIFICATIONS_ENTITIES: (new () => object)[] = [
  NotificationRule,
  NotificationTemplate,
  NotificationConsent,
  NotificationMessage,
  NotificationPhoneDay,
];
