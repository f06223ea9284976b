import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicantContactPort, ApplicationEvents, ApplicationStatus, LoanApplication } from '@mla/applicants';
import { OrganisationService } from '@mla/auth';
import { Clock } from '@mla/core';
import { ReminderFactsPort } from '@mla/loans';
import { SubsidyPaidFactsPort } from '@mla/subsidies';
import { MessageKind, NotificationChannel, RecipientKind } from '../notification-enums';
import { NotificationRuleRepository } from '../rules/notification-rule.repository';
import { ruleFor } from '../rules/plan-reminders';
import { NotificationTemplateRepository } from '../templates/notification-template.repository';
import { chineseDate, yuanText, type TemplateValues } from '../templates/render';
import { EnvelopeCipher } from './envelope';
import { NotificationMessageRepository } from './message.repository';

interface Notice {
  kind: MessageKind.SUBSIDY_PAID | MessageKind.APPLICATION_APPROVED;
  /** What makes it one: the claim line, the application. */
  subjectId: string;
  applicantId: string;
  regionCode: string;
  loanId: string | null;
  claimLineId: string | null;
  amountFen: bigint | null;
  values: (name: string) => TemplateValues;
}

/**
 * Notices to a borrower that are not reminders, through the same message rows (and so the same sending, quiet hours,
 * cap, opt-out and receipts): a subsidy paid (one per claim line, from the payout's outbox job) and an application
 * approved (written in the transaction that approves it, from the applications context's event). The key
 * `<kind>/<subject>/BORROWER` makes each one exactly once, however often its job runs.
 */
@Injectable()
export class NoticesService implements OnModuleInit {
  private readonly logger = new Logger(NoticesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly rules: NotificationRuleRepository,
    private readonly templates: NotificationTemplateRepository,
    private readonly messages: NotificationMessageRepository,
    private readonly contacts: ApplicantContactPort,
    private readonly organisations: OrganisationService,
    private readonly loans: ReminderFactsPort,
    private readonly subsidies: SubsidyPaidFactsPort,
    private readonly envelopes: EnvelopeCipher,
    private readonly applicationEvents: ApplicationEvents,
  ) {}

  onModuleInit(): void {
    this.applicationEvents.subscribe(async (tx, event) => {
      if (event.toStatus === ApplicationStatus.APPROVED) await this.applicationApproved(tx, event.applicationId);
    });
  }

  /** The borrower's notice of a paid claim line; returns how many rows were written (0 when already written). */
  async subsidyPaid(claimLineId: string, payoutId: string): Promise<{ written: number }> {
    return this.dataSource.transaction(async (tx) => {
      const line = await this.subsidies.paidLine(claimLineId, payoutId, tx);
      if (!line) {
        this.logger.warn(`claim line ${claimLineId} is not paid by payout ${payoutId}: no notice`);
        return { written: 0 };
      }
      const loan = (await this.loans.loansById([line.loanId], tx)).get(line.loanId);
      return {
        written: await this.write(tx, {
          kind: MessageKind.SUBSIDY_PAID,
          subjectId: line.claimLineId,
          applicantId: line.applicantId,
          regionCode: loan?.regionCode ?? line.regionCode,
          loanId: line.loanId,
          claimLineId: line.claimLineId,
          amountFen: line.subsidyFen,
          values: (name) => ({
            name,
            contractNumber: line.contractNumber,
            amountPaid: yuanText(line.subsidyFen),
            paidDate: chineseDate(line.paymentDate),
            paymentReference: line.paymentReference,
          }),
        }),
      };
    });
  }

  /** The borrower's notice that her application is approved (in the approving transaction). */
  async applicationApproved(tx: EntityManager, applicationId: string): Promise<number> {
    const application = await tx.getRepository(LoanApplication).findOne({ where: { id: applicationId } });
    if (!application) return 0;
    const banks = await this.organisations.namesOf([application.bankOrganisationId], tx);
    return this.write(tx, {
      kind: MessageKind.APPLICATION_APPROVED,
      subjectId: application.id,
      applicantId: application.applicantId,
      regionCode: application.regionCode,
      loanId: null,
      claimLineId: null,
      amountFen: application.amountFen,
      values: (name) => ({ name, bank: banks.get(application.bankOrganisationId) ?? '' }),
    });
  }

  private async write(tx: EntityManager, notice: Notice): Promise<number> {
    const today = this.clock.today().toString();
    const template = (await this.templates.latest(tx)).get(notice.kind);
    const contact = (await this.contacts.contactsOf([notice.applicantId], tx)).get(notice.applicantId);
    if (!template || !contact) {
      this.logger.warn(`${notice.kind} ${notice.subjectId}: no template or no contact, not written`);
      return 0;
    }
    // The region's rule in effect gives its quiet hours, cap and channel (none: sent at once, by SMS).
    const rule = ruleFor(notice.regionCode, await this.rules.inEffect(tx, today));
    return this.messages.insertNew(tx, [
      {
        dedupeKey: `${notice.kind}/${notice.subjectId}/${RecipientKind.BORROWER}`,
        kind: notice.kind,
        recipientKind: RecipientKind.BORROWER,
        channel: rule?.channel ?? NotificationChannel.SMS,
        regionCode: notice.regionCode,
        loanId: notice.loanId,
        installmentId: null,
        applicantId: notice.applicantId,
        recipientUserId: null,
        claimLineId: notice.claimLineId,
        ruleId: rule?.id ?? null,
        ruleVersion: rule?.version ?? null,
        templateId: template.id,
        templateVersion: template.version,
        scheduledDate: today,
        offsetDays: null,
        dueDate: null,
        amountFen: notice.amountFen,
        phoneIndex: contact.mobileIndex,
        phoneMasked: contact.mobileMasked,
        envelopeCiphertext: this.envelopes.seal({ phone: contact.mobile, values: notice.values(contact.name) }),
        notBefore: this.clock.now(),
      },
    ]);
  }
}
