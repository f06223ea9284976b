import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicantContactPort } from '@mla/applicants';
import { UserContactPort } from '@mla/auth';
import { Clock, isAncestorOrSelf } from '@mla/core';
import { CompensationAlertFactsPort } from '@mla/guarantee-funds';
import {
  RESPONSIBLE_PARTY_ROLES,
  TARGET_KIND_LABELS,
  WARNING_LEVEL_LABELS,
  WarningFactsPort,
  WarningStatus,
  type TargetUnit,
} from '@mla/statistics';
import { MessageKind, NotificationChannel, RecipientKind } from '../notification-enums';
import { NotificationTemplateRepository } from '../templates/notification-template.repository';
import { yuanText, type TemplateValues } from '../templates/render';
import { EnvelopeCipher } from './envelope';
import { NotificationMessageRepository, type NewMessage } from './message.repository';

interface StaffNotice {
  kind: MessageKind.COMPENSATION_ALERT | MessageKind.STATISTICS_WARNING;
  recipientKind: RecipientKind;
  /** What makes it one (the alert, the warning): the key is `<kind>/<subject>/<user>`. */
  subjectId: string;
  regionCode: string;
  loanId: string | null;
  applicantId: string | null;
  amountFen: bigint | null;
  userIds: string[];
  values: TemplateValues;
}

/** A warning's figure as the recipient reads it: a rate in per cent, an amount in yuan, a count. */
export function warningFigure(value: string, unit: TargetUnit): string {
  const n = Number(value);
  if (unit === 'RATE') return `${Number((n * 100).toFixed(2))}%`;
  if (unit === 'FEN') return yuanText(BigInt(Math.round(n)));
  return String(Math.round(n));
}

/**
 * Notices to staff who must act, through the same message rows as the reminders: an opened compensation alert to
 * each active guarantee operator (with a work mobile) of the agency operating the loan's fund, and a raised
 * statistics warning to each active user (with a work mobile) of the roles of the party the warning names, in an
 * organisation of the warning's region or a region under it. Each is written once per (subject, user) under the key
 * `<kind>/<subject>/<user>`, however often its job runs; users without a phone are skipped.
 */
@Injectable()
export class StaffNoticesService {
  private readonly logger = new Logger(StaffNoticesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly templates: NotificationTemplateRepository,
    private readonly messages: NotificationMessageRepository,
    private readonly applicants: ApplicantContactPort,
    private readonly users: UserContactPort,
    private readonly alerts: CompensationAlertFactsPort,
    private readonly warnings: WarningFactsPort,
    private readonly envelopes: EnvelopeCipher,
  ) {}

  async compensationAlertOpened(alertId: string): Promise<{ written: number }> {
    return this.dataSource.transaction(async (tx) => {
      const alert = await this.alerts.alert(alertId, tx);
      if (!alert) {
        this.logger.warn(`compensation alert ${alertId} not found: no notice`);
        return { written: 0 };
      }
      const operators = (await tx.query(
        `SELECT id FROM users WHERE organisation_id = $1 AND status = 'ACTIVE' AND 'GUARANTEE_OPERATOR' = ANY(roles)
            AND phone_ciphertext IS NOT NULL ORDER BY id`,
        [alert.agencyOrganisationId],
      )) as { id: string }[];
      const names = await this.applicants.maskedNamesOf([alert.applicantId], tx);
      return {
        written: await this.write(tx, {
          kind: MessageKind.COMPENSATION_ALERT,
          recipientKind: RecipientKind.GUARANTEE_OPERATOR,
          subjectId: alert.alertId,
          regionCode: alert.regionCode,
          loanId: alert.loanId,
          applicantId: alert.applicantId,
          amountFen: alert.overdueFen,
          userIds: operators.map((o) => o.id),
          values: {
            contractNumber: alert.contractNumber,
            name: names.get(alert.applicantId) ?? '',
            days: String(alert.daysPastDue),
            amountOverdue: yuanText(alert.overdueFen),
            fundName: alert.fundName,
          },
        }),
      };
    });
  }

  async warningRaised(warningId: string): Promise<{ written: number }> {
    return this.dataSource.transaction(async (tx) => {
      const warning = await this.warnings.warning(warningId, tx);
      if (!warning || warning.status !== WarningStatus.OPEN) {
        this.logger.warn(`warning ${warningId} not found or cleared: no notice`);
        return { written: 0 };
      }
      const candidates = (await tx.query(
        `SELECT u.id, o.region_code AS "regionCode" FROM users u JOIN organisations o ON o.id = u.organisation_id
          WHERE u.status = 'ACTIVE' AND u.roles && $1::varchar[] AND u.phone_ciphertext IS NOT NULL ORDER BY u.id`,
        [RESPONSIBLE_PARTY_ROLES[warning.responsible]],
      )) as { id: string; regionCode: string }[];
      const users = candidates.filter((u) => isAncestorOrSelf(warning.regionCode, u.regionCode)).map((u) => u.id);
      return {
        written: await this.write(tx, {
          kind: MessageKind.STATISTICS_WARNING,
          recipientKind: RecipientKind.WARNING_RESPONSIBLE,
          subjectId: warning.warningId,
          regionCode: warning.regionCode,
          loanId: null,
          applicantId: null,
          amountFen: null,
          userIds: users,
          values: {
            regionName: warning.regionName,
            indicator: TARGET_KIND_LABELS[warning.kind]['zh-CN'],
            measured: warningFigure(warning.measured, warning.unit),
            target: warningFigure(warning.target, warning.unit),
            level: WARNING_LEVEL_LABELS[warning.level]['zh-CN'],
          },
        }),
      };
    });
  }

  private async write(tx: EntityManager, notice: StaffNotice): Promise<number> {
    const template = (await this.templates.latest(tx)).get(notice.kind);
    if (!template || notice.userIds.length === 0) {
      this.logger.log(`${notice.kind} ${notice.subjectId}: no template or nobody to tell`);
      return 0;
    }
    const contacts = await this.users.contactsOf(notice.userIds, tx);
    const today = this.clock.today().toString();
    const now = this.clock.now();
    const rows: NewMessage[] = [];
    for (const userId of notice.userIds) {
      const contact = contacts.get(userId);
      if (!contact) continue;
      rows.push({
        dedupeKey: `${notice.kind}/${notice.subjectId}/${userId}`,
        kind: notice.kind,
        recipientKind: notice.recipientKind,
        channel: NotificationChannel.SMS,
        regionCode: notice.regionCode,
        loanId: notice.loanId,
        installmentId: null,
        applicantId: notice.applicantId,
        recipientUserId: userId,
        claimLineId: null,
        ruleId: null,
        ruleVersion: null,
        templateId: template.id,
        templateVersion: template.version,
        scheduledDate: today,
        offsetDays: null,
        dueDate: null,
        amountFen: notice.amountFen,
        phoneIndex: contact.phoneIndex,
        phoneMasked: contact.phoneMasked,
        envelopeCiphertext: this.envelopes.seal({ phone: contact.phone, values: notice.values }),
        notBefore: now,
      });
    }
    return this.messages.insertNew(tx, rows);
  }
}
