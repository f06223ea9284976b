import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, LocalDate, NotFoundError, parseRegionCode } from '@mla/core';
import { NotificationErrorCode } from '../errors';
import { NotificationChannel, RecipientKind } from '../notification-enums';
import type { NotificationRule } from './notification-rule.entity';
import { NotificationRuleRepository } from './notification-rule.repository';
import { isClockTime } from './quiet-hours';

export interface NotificationRuleInput {
  regionCode: string;
  effectiveFrom: string;
  daysBefore: number[];
  daysAfter: number[];
  recipients: RecipientKind[];
  quietStart?: string | null;
  quietEnd?: string | null;
  dailyCapPerPhone: number;
  channel?: NotificationChannel;
}

/** Bounds of a rule's numbers (a reminder more than a year away from its due date is a mistake). */
const MAX_OFFSET_DAYS = 366;
const MAX_DAILY_CAP = 50;

function invalid(field: string, value: unknown, min: number, max: number): BadInputError {
  return new BadInputError(NotificationErrorCode.NOTIFICATION_RULE_INVALID, `${field} must be from ${min} to ${max}`, {
    field,
    value: typeof value === 'object' ? JSON.stringify(value) : (value as string | number),
    min,
    max,
  });
}

/** Checks a rule's input (the HTTP DTO checks shapes; this checks meaning, for every caller). */
export function checkRuleInput(input: NotificationRuleInput): void {
  for (const field of ['daysBefore', 'daysAfter'] as const) {
    const days = input[field];
    if (!Array.isArray(days) || days.length > 20) throw invalid(field, days, 0, 20);
    for (const d of days) {
      if (!Number.isInteger(d) || d < (field === 'daysBefore' ? 0 : 1) || d > MAX_OFFSET_DAYS) {
        throw invalid(field, d, field === 'daysBefore' ? 0 : 1, MAX_OFFSET_DAYS);
      }
    }
  }
  if (
    !Number.isInteger(input.dailyCapPerPhone) ||
    input.dailyCapPerPhone < 1 ||
    input.dailyCapPerPhone > MAX_DAILY_CAP
  ) {
    throw invalid('dailyCapPerPhone', input.dailyCapPerPhone, 1, MAX_DAILY_CAP);
  }
  if (!Array.isArray(input.recipients) || input.recipients.length === 0)
    throw invalid('recipients', input.recipients, 1, 4);
  const start = input.quietStart ?? null;
  const end = input.quietEnd ?? null;
  for (const [field, value] of [
    ['quietStart', start],
    ['quietEnd', end],
  ] as const) {
    if ((start === null) !== (end === null) || (value !== null && !isClockTime(value))) {
      throw new BadInputError(NotificationErrorCode.QUIET_HOURS_INVALID, `${field} must be HH:mm, with both given`, {
        field,
      });
    }
  }
}

/** Reminder rules per region, versioned: a change is a new version from its date; old versions stay. */
@Injectable()
export class NotificationRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: NotificationRuleRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** Every region's newest version the actor may see. */
  async list(actor: Actor): Promise<NotificationRule[]> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    const scope = this.access.scopeOf(actor);
    return this.rules.latestPerRegion(this.dataSource.manager, scope.kind === 'region' ? scope.regionPrefix : null);
  }

  async versions(actor: Actor, regionCode: string): Promise<NotificationRule[]> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    const code = parseRegionCode(regionCode).code;
    this.access.assertCanSee(actor, { regionCode: code }, 'notification rule', code);
    return this.rules.versionsOf(this.dataSource.manager, code);
  }

  async get(actor: Actor, id: string): Promise<NotificationRule> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    const rule = await this.rules.findById(this.dataSource.manager, id);
    if (!rule || !this.access.canSee(actor, { regionCode: rule.regionCode })) {
      throw new NotFoundError(NotificationErrorCode.NOTIFICATION_RULE_NOT_FOUND, `notification rule ${id} not found`, {
        id,
      });
    }
    return rule;
  }

  /** Saves a new version of the region's rule (version numbers per region, audited). */
  async create(actor: Actor, input: NotificationRuleInput): Promise<NotificationRule> {
    this.access.assertCan(actor, Permission.NOTIFICATION_CONFIGURE);
    const regionCode = parseRegionCode(input.regionCode).code;
    this.access.assertCanSee(actor, { regionCode }, 'region', regionCode);
    LocalDate.parse(input.effectiveFrom);
    checkRuleInput(input);
    return this.dataSource.transaction(async (tx) => {
      const version = await this.rules.nextVersion(tx, regionCode);
      const rule = await this.rules.insert(tx, {
        regionCode,
        version,
        effectiveFrom: input.effectiveFrom,
        daysBefore: [...new Set(input.daysBefore)].sort((a, b) => b - a),
        daysAfter: [...new Set(input.daysAfter)].sort((a, b) => a - b),
        recipients: [...new Set(input.recipients)],
        quietStart: input.quietStart ?? null,
        quietEnd: input.quietEnd ?? null,
        dailyCapPerPhone: input.dailyCapPerPhone,
        channel: input.channel ?? NotificationChannel.SMS,
        createdByUserId: actor.userId,
      });
      await this.audit.record(tx, {
        action: 'notification_rule.created',
        entityType: 'notification_rule',
        entityId: rule.id,
        after: rule,
      });
      return rule;
    });
  }
}
