import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, NotFoundError } from '@mla/core';
import { NotificationErrorCode } from '../errors';
import type { MessageKind } from '../notification-enums';
import type { NotificationTemplate } from './notification-template.entity';
import { NotificationTemplateRepository } from './notification-template.repository';
import {
  TEMPLATE_VARIABLES,
  renderTemplate,
  smsLength,
  smsSegments,
  smsText,
  unknownVariables,
  type TemplateValues,
} from './render';

export interface NotificationTemplateInput {
  kind: MessageKind;
  body: string;
  signName: string;
  gatewayTemplateCode: string;
}

export interface TemplatePreview {
  kind: MessageKind;
  version: number;
  text: string;
  characters: number;
  segments: number;
}

/** Example values a preview fills the variables with when the caller gives none. */
export const SAMPLE_VALUES: Required<TemplateValues> = {
  name: '王秀英',
  amountDue: '3,265.00元',
  dueDate: '2026年3月20日',
  bank: '某县农村信用合作联社',
  officerPhone: '0471-1234567',
  contractNumber: 'HT-2026-0001',
  days: '7',
  amountPaid: '976.25元',
  paidDate: '2026年4月10日',
  paymentReference: 'CZ-2026-0410-01',
  lateCount: '3',
  lateAmount: '12,400.00元',
  worstLoans: '王*英 8,000.00元（逾期21天）；李*芳 3,200.00元（逾期9天）',
  amountOverdue: '6,530.00元',
  fundName: '土默特右旗妇女创业担保基金',
  regionName: '土默特右旗',
  indicator: 'PAR30上限',
  measured: '6.2%',
  target: '5%',
  level: '预警',
};

/** Message templates by kind, versioned (a change is a new version), with a preview that counts SMS segments. */
@Injectable()
export class NotificationTemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: NotificationTemplateRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async latest(actor: Actor): Promise<NotificationTemplate[]> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    return [...(await this.templates.latest(this.dataSource.manager)).values()];
  }

  async versions(actor: Actor, kind: MessageKind): Promise<NotificationTemplate[]> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    return this.templates.versionsOf(this.dataSource.manager, kind);
  }

  async create(actor: Actor, input: NotificationTemplateInput): Promise<NotificationTemplate> {
    this.access.assertCan(actor, Permission.NOTIFICATION_CONFIGURE);
    checkBody(input.body);
    return this.dataSource.transaction(async (tx) => {
      const version = await this.templates.nextVersion(tx, input.kind);
      const template = await this.templates.insert(tx, {
        kind: input.kind,
        version,
        body: input.body,
        signName: input.signName,
        gatewayTemplateCode: input.gatewayTemplateCode,
        createdByUserId: actor.userId,
      });
      await this.audit.record(tx, {
        action: 'notification_template.created',
        entityType: 'notification_template',
        entityId: template.id,
        after: template,
      });
      return template;
    });
  }

  /** The text a version (or the newest) renders to with the values given (or sample ones), its length and segments. */
  async preview(
    actor: Actor,
    kind: MessageKind,
    version: number | undefined,
    values: TemplateValues | undefined,
  ): Promise<TemplatePreview> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    const template =
      version === undefined
        ? (await this.templates.latest(this.dataSource.manager)).get(kind)
        : await this.templates.find(this.dataSource.manager, kind, version);
    if (!template) {
      throw new NotFoundError(NotificationErrorCode.NOTIFICATION_TEMPLATE_NOT_FOUND, `no template ${kind}`, { kind });
    }
    const text = smsText(template.signName, renderTemplate(template.body, { ...SAMPLE_VALUES, ...values }));
    return { kind, version: template.version, text, characters: smsLength(text), segments: smsSegments(text) };
  }
}

function checkBody(body: string): void {
  const unknown = unknownVariables(body);
  if (unknown.length) {
    throw new BadInputError(
      NotificationErrorCode.TEMPLATE_UNKNOWN_VARIABLE,
      `unknown variables ${unknown.join(', ')}`,
      {
        field: 'body',
        variables: unknown.join('、'),
        allowed: TEMPLATE_VARIABLES.join('、'),
      },
    );
  }
}
