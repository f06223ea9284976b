import { Module } from '@nestjs/common';
import { ApplicantsModule } from '@mla/applicants';
import { AuthModule } from '@mla/auth';
import { LoansModule } from '@mla/loans';
import { OutboxRepository } from '@mla/queue';
import { CompensationAlertFactsPort } from '@mla/guarantee-funds';
import { WarningFactsPort } from '@mla/statistics';
import { SubsidyPaidFactsPort } from '@mla/subsidies';
import { MESSAGE_CHANNEL_PROVIDER } from './channels/channel.provider';
import { NotificationConsentsService } from './consents/notification-consents.service';
import { DeliveryReceiptsService } from './messages/delivery-receipts.service';
import { EnvelopeCipher } from './messages/envelope';
import { MessageDispatcher } from './messages/message-dispatcher.service';
import { MessageSender } from './messages/message-sender.service';
import { NotificationMessageRepository } from './messages/message.repository';
import { NoticesService } from './messages/notices.service';
import { OfficerDigestService } from './messages/officer-digest.service';
import { StaffNoticesService } from './messages/staff-notices.service';
import { NotificationMessagesService } from './messages/notification-messages.service';
import { ReminderSelectionService } from './messages/reminder-selection.service';
import { SmsReminderContactSource } from './messages/sms-contact-source';
import { NotificationRuleRepository } from './rules/notification-rule.repository';
import { NotificationRulesService } from './rules/notification-rules.service';
import { NotificationTemplateRepository } from './templates/notification-template.repository';
import { NotificationTemplatesService } from './templates/notification-templates.service';

/** Use cases the apps drive (HTTP controllers, worker jobs). */
const USE_CASES = [
  NotificationRulesService,
  NotificationTemplatesService,
  NotificationConsentsService,
  NotificationMessagesService,
  DeliveryReceiptsService,
  ReminderSelectionService,
  MessageDispatcher,
  MessageSender,
  NoticesService,
  OfficerDigestService,
  StaffNoticesService,
];

/** Repositories and helpers shared by the use cases; never exported. */
const INTERNAL = [
  NotificationRuleRepository,
  NotificationTemplateRepository,
  NotificationMessageRepository,
  EnvelopeCipher,
  OutboxRepository,
  MESSAGE_CHANNEL_PROVIDER,
  // The reminders as contacts on the officers' call list (registered with the loans context at init).
  SmsReminderContactSource,
  SubsidyPaidFactsPort,
  // Published reads of the guarantee funds and statistics contexts (their modules are not imported: the nightly
  // close steps they register belong to the processes that run the close).
  CompensationAlertFactsPort,
  WarningFactsPort,
];

/**
 * Reminders and notices to borrowers: rules per region, templates, consent, the morning selection, one send per
 * message through a channel (log or an SMS gateway), delivery receipts, and the officer's list with retry.
 */
@Module({
  imports: [AuthModule, ApplicantsModule, LoansModule],
  providers: [...USE_CASES, ...INTERNAL],
  exports: [...USE_CASES],
})
export class NotificationsModule {}
