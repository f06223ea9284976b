import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicantContactPort } from '@mla/applicants';
import { UserContactPort } from '@mla/auth';
import { Clock, LocalDate, isAncestorOrSelf } from '@mla/core';
import { ReminderFactsPort } from '@mla/loans';
import { MessageKind, NotificationChannel, RecipientKind } from '../notification-enums';
import { NotificationTemplateRepository } from '../templates/notification-template.repository';
import { yuanText } from '../templates/render';
import { EnvelopeCipher } from './envelope';
import { NotificationMessageRepository, type NewMessage } from './message.repository';

/** How many of the worst late loans a digest names. */
const WORST = 3;

/**
 * The daily digest to each loan officer with a work mobile: the late loans of her organisation's region (count,
 * amount past due, the worst few by amount with masked names and days late), one message per officer per day under
 * the key `OFFICER_DIGEST/<user>/<date>`; nothing when her region has nothing late. Written by the morning job.
 */
@Injectable()
export class OfficerDigestService {
  private readonly logger = new Logger(OfficerDigestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly templates: NotificationTemplateRepository,
    private readonly messages: NotificationMessageRepository,
    private readonly loans: ReminderFactsPort,
    private readonly applicants: ApplicantContactPort,
    private readonly users: UserContactPort,
    private readonly envelopes: EnvelopeCipher,
  ) {}

  async writeFor(today: LocalDate = this.clock.today()): Promise<{ digests: number }> {
    const date = today.toString();
    return this.dataSource.transaction(async (tx) => {
      const template = (await this.templates.latest(tx)).get(MessageKind.OFFICER_DIGEST);
      if (!template) return { digests: 0 };
      const officers = (await tx.query(
        `SELECT u.id, o.region_code AS "regionCode" FROM users u JOIN organisations o ON o.id = u.organisation_id
          WHERE u.status = 'ACTIVE' AND 'LOAN_OFFICER' = ANY(u.roles) AND u.phone_ciphertext IS NOT NULL`,
      )) as { id: string; regionCode: string }[];
      if (officers.length === 0) return { digests: 0 };
      const late = await this.loans.lateLoans(date, tx);
      if (late.length === 0) return { digests: 0 };
      const contacts = await this.users.contactsOf(
        officers.map((o) => o.id),
        tx,
      );
      const names = await this.applicants.maskedNamesOf(
        late.map((l) => l.applicantId),
        tx,
      );
      const now = this.clock.now();
      const rows: NewMessage[] = [];
      for (const officer of officers) {
        const contact = contacts.get(officer.id);
        const mine = late.filter((l) => isAncestorOrSelf(officer.regionCode, l.regionCode));
        if (!contact || mine.length === 0) continue;
        const total = mine.reduce((sum, l) => sum + l.lateFen, 0n);
        const worst = [...mine]
          .sort((a, b) => (b.lateFen > a.lateFen ? 1 : b.lateFen < a.lateFen ? -1 : a.oldestDue < b.oldestDue ? -1 : 1))
          .slice(0, WORST)
          .map(
            (l) =>
              `${names.get(l.applicantId) ?? ''} ${yuanText(l.lateFen)}（逾期${LocalDate.parse(l.oldestDue).daysUntil(today)}天）`,
          );
        rows.push({
          dedupeKey: `${MessageKind.OFFICER_DIGEST}/${officer.id}/${date}`,
          kind: MessageKind.OFFICER_DIGEST,
          recipientKind: RecipientKind.LOAN_OFFICER,
          channel: NotificationChannel.SMS,
          regionCode: officer.regionCode,
          loanId: null,
          installmentId: null,
          applicantId: null,
          recipientUserId: officer.id,
          claimLineId: null,
          ruleId: null,
          ruleVersion: null,
          templateId: template.id,
          templateVersion: template.version,
          scheduledDate: date,
          offsetDays: null,
          dueDate: null,
          amountFen: total,
          phoneIndex: contact.phoneIndex,
          phoneMasked: contact.phoneMasked,
          envelopeCiphertext: this.envelopes.seal({
            phone: contact.phone,
            values: { lateCount: String(mine.length), lateAmount: yuanText(total), worstLoans: worst.join('；') },
          }),
          notBefore: now,
        });
      }
      const digests = await this.messages.insertNew(tx, rows);
      this.logger.log(`officer digests for ${date}: ${rows.length} due, ${digests} written`);
      return { digests };
    });
  }
}
