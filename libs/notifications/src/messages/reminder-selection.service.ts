import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicantContactPort } from '@mla/applicants';
import { OrganisationService, UserContactPort } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { Clock, LocalDate } from '@mla/core';
import { ReminderFactsPort, type DueInstallmentFact } from '@mla/loans';
import { MessageKind, RecipientKind } from '../notification-enums';
import { NotificationRuleRepository } from '../rules/notification-rule.repository';
import { dueDatesToLookAt, planReminders } from '../rules/plan-reminders';
import { NotificationTemplateRepository } from '../templates/notification-template.repository';
import { chineseDate, yuanText } from '../templates/render';
import { EnvelopeCipher } from './envelope';
import { NotificationMessageRepository, type NewMessage } from './message.repository';

export interface SelectionResult {
  businessDate: string;
  /** Reminders the rules call for today. */
  planned: number;
  /** Rows written now (the others were written by an earlier run of the same day). */
  written: number;
}

/**
 * The morning selection: reads what falls due (or is past due) on the dates the regions' rules name, in one
 * set-based query through the loans port, and writes one message row per (installment, rule, recipient, date)
 * under its unique key, all in one transaction, before anything is sent. Run twice, it writes nothing twice.
 */
@Injectable()
export class ReminderSelectionService {
  private readonly logger = new Logger(ReminderSelectionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly rules: NotificationRuleRepository,
    private readonly templates: NotificationTemplateRepository,
    private readonly messages: NotificationMessageRepository,
    private readonly facts: ReminderFactsPort,
    private readonly contacts: ApplicantContactPort,
    private readonly organisations: OrganisationService,
    private readonly envelopes: EnvelopeCipher,
    private readonly config: AppConfig,
    private readonly users: UserContactPort,
  ) {}

  async selectFor(today: LocalDate = this.clock.today()): Promise<SelectionResult> {
    const businessDate = today.toString();
    return this.dataSource.transaction(async (tx) => {
      const rules = await this.rules.inEffect(tx, businessDate);
      const catchUp = this.config.env.NOTIFY_CATCH_UP_DAYS;
      const dues = await this.facts.dueOn(dueDatesToLookAt(today, rules, catchUp), tx);
      const plan = planReminders(today, rules, dues, catchUp);
      if (plan.length === 0) return { businessDate, planned: 0, written: 0 };
      const templates = await this.templates.latest(tx);
      const contacts = await this.contacts.contactsOf(
        plan.map((p) => p.due.applicantId),
        tx,
      );
      // The loan officer (who registered the borrower) and the bank's officer (who signed): their work mobiles.
      const officers = await this.users.contactsOf(
        plan
          .flatMap((p) => [contacts.get(p.due.applicantId)?.officerUserId ?? '', p.due.signedByUserId])
          .filter(Boolean),
        tx,
      );
      const banks = await this.organisations.namesOf(
        plan.map((p) => p.due.bankOrganisationId),
        tx,
      );
      const now = this.clock.now();
      const rows: NewMessage[] = [];
      let unreachable = 0;
      for (const { rule, due, kind, offsetDays, daysFromDue } of plan) {
        const contact = contacts.get(due.applicantId);
        if (!contact) continue;
        const loanOfficer = officers.get(contact.officerUserId);
        for (const recipient of rule.recipients) {
          const officerId =
            recipient === RecipientKind.LOAN_OFFICER
              ? contact.officerUserId
              : recipient === RecipientKind.BANK_OFFICER
                ? due.signedByUserId
                : null;
          // The guarantee operator is told at the compensation threshold, not of each installment.
          if (recipient === RecipientKind.GUARANTEE_OPERATOR) continue;
          const officer = officerId ? officers.get(officerId) : null;
          if (officerId && !officer) {
            unreachable += 1;
            continue;
          }
          const messageKind = officer ? OFFICER_KIND[kind] : kind;
          const template = templates.get(messageKind);
          if (!template) continue;
          const values = valuesOf(due, officer ? contact.maskedName : contact.name, banks, daysFromDue);
          rows.push({
            // One message per installment, offset and recipient, whatever the day it is written on (a catch-up, a
            // re-run, a new rule version): the key is what "not yet sent" means.
            dedupeKey: `${messageKind}/${due.installmentId}/${offsetDays}/${recipient}`,
            kind: messageKind,
            recipientKind: recipient,
            channel: rule.channel,
            regionCode: due.regionCode,
            loanId: due.loanId,
            installmentId: due.installmentId,
            applicantId: due.applicantId,
            recipientUserId: officer?.userId ?? null,
            claimLineId: null,
            ruleId: rule.id,
            ruleVersion: rule.version,
            templateId: template.id,
            templateVersion: template.version,
            scheduledDate: businessDate,
            offsetDays,
            dueDate: due.dueDate,
            amountFen: due.owedFen,
            phoneIndex: officer ? officer.phoneIndex : contact.mobileIndex,
            phoneMasked: officer ? officer.phoneMasked : contact.mobileMasked,
            envelopeCiphertext: this.envelopes.seal({
              phone: officer ? officer.phone : contact.mobile,
              values: { ...values, officerPhone: loanOfficer?.phone ?? '' },
            }),
            notBefore: now,
          });
        }
      }
      if (unreachable) this.logger.warn(`${unreachable} reminders to officers without a work mobile not written`);
      const written = await this.messages.insertNew(tx, rows);
      this.logger.log(`reminders for ${businessDate}: ${rows.length} planned, ${written} written`);
      return { businessDate, planned: rows.length, written };
    });
  }
}

/** The officer's counterpart of a borrower's reminder. */
const OFFICER_KIND = {
  [MessageKind.DUE_SOON]: MessageKind.OFFICER_DUE_SOON,
  [MessageKind.OVERDUE]: MessageKind.OFFICER_OVERDUE,
} as const;

function valuesOf(due: DueInstallmentFact, name: string, banks: Map<string, string>, daysFromDue: number) {
  return {
    name,
    amountDue: yuanText(due.owedFen),
    dueDate: chineseDate(due.dueDate),
    bank: banks.get(due.bankOrganisationId) ?? '',
    contractNumber: due.contractNumber,
    days: String(Math.abs(daysFromDue)),
  };
}
