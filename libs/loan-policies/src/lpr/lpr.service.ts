import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import {
  assertDateWithin,
  isUniqueViolation,
  BadInputError,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  Decimal,
  LocalDate,
  NotFoundError,
  decodeCursor,
  toPage,
  type Page,
} from '@mla/core';
import { LoanPolicyErrorCode } from '../errors';
import { FieldProblems } from '../policies/field-problems';
import type { LprRate } from './lpr-rate.entity';
import { LprRepository } from './lpr.repository';

export interface AddLprRateInput {
  /** 'YYYY-MM-DD'. */
  effectiveDate: string;
  /** Percent per year, e.g. '3.45'; at most 4 decimals. */
  oneYearPercent: string;
  fiveYearPercent?: string | null;
}

const PERCENT = /^\d{1,2}(\.\d{1,4})?$/;

function validPercent(value: unknown): value is string {
  return typeof value === 'string' && PERCENT.test(value) && Decimal.of(value).isPositive();
}

/** The published loan prime rates, maintained by administrators, and the rate in force on a date. */
@Injectable()
export class LprService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rates: LprRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Records a publication; 409 LPR_RATE_EXISTS when the date is already there (rates are never edited). */
  async add(actor: Actor, input: AddLprRateInput): Promise<LprRate> {
    this.access.assertCan(actor, Permission.POLICY_MANAGE);
    const problems = new FieldProblems();
    let date: LocalDate | null = null;
    try {
      date = LocalDate.parse(input.effectiveDate);
    } catch {
      problems.add('effectiveDate', 'must be an existing date YYYY-MM-DD', '须为有效的日期，格式为 YYYY-MM-DD');
    }
    if (!validPercent(input.oneYearPercent)) {
      problems.add(
        'oneYearPercent',
        "must be a percentage above 0 and below 100 with ≤ 4 decimals, e.g. '3.45'",
        '须为大于0且小于100、最多四位小数的百分比，如“3.45”',
      );
    }
    if (input.fiveYearPercent != null && !validPercent(input.fiveYearPercent)) {
      problems.add(
        'fiveYearPercent',
        'must be null or a percentage above 0 and below 100 with ≤ 4 decimals',
        '须为空，或大于0且小于100、最多四位小数的百分比',
      );
    }
    problems.throwIfAny(LoanPolicyErrorCode.INVALID_LPR_RATE, 'LPR rate');
    const maxDaysAhead = this.config.env.LPR_MAX_DAYS_AHEAD;
    const effectiveDate = assertDateWithin('effectiveDate', date as LocalDate, {
      min: this.config.env.LPR_EARLIEST_DATE,
      max: this.clock.today().plusDays(maxDaysAhead),
      minReason: 'the earliest LPR accepted',
      maxReason: `today + ${maxDaysAhead} days`,
    }).toString();
    return this.dataSource.transaction(async (tx) => {
      let rate: LprRate;
      try {
        rate = await this.rates.insert(tx, {
          effectiveDate,
          oneYearPercent: input.oneYearPercent,
          fiveYearPercent: input.fiveYearPercent ?? null,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            LoanPolicyErrorCode.LPR_RATE_EXISTS,
            `An LPR for ${effectiveDate} is already recorded`,
            {
              field: 'effectiveDate',
            },
          );
        }
        throw error;
      }
      await this.audit.record(tx, {
        action: 'lpr_rate.added',
        entityType: 'lpr_rate',
        entityId: effectiveDate,
        after: rate,
      });
      return rate;
    });
  }

  async list(actor: Actor, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<LprRate>> {
    this.access.assertCan(actor, Permission.POLICY_READ);
    const before = cursor
      ? decodeCursor<{ effectiveDate: string }>(cursor, ['effectiveDate']).effectiveDate
      : undefined;
    if (before !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(before)) {
      throw new BadInputError(LoanPolicyErrorCode.INVALID_CURSOR, 'cursor is not one this list returned', {
        field: 'cursor',
      });
    }
    const rows = await this.rates.list(this.dataSource.manager, limit + 1, before);
    return toPage(rows, limit, (r) => ({ effectiveDate: r.effectiveDate }));
  }

  /** oneYearOn() for a user (the HTTP lookup). */
  async inForceOn(actor: Actor, date: LocalDate): Promise<LprRate> {
    this.access.assertCan(actor, Permission.POLICY_READ);
    return this.oneYearOn(date);
  }

  /** The publication in force on the date (the latest on or before it); 404 LPR_NOT_FOUND before the first. */
  async oneYearOn(date: LocalDate): Promise<LprRate> {
    const rate = await this.rates.findInForceOn(this.dataSource.manager, date.toString());
    if (!rate) {
      throw new NotFoundError(
        LoanPolicyErrorCode.LPR_NOT_FOUND,
        `No LPR was published on or before ${date.toString()}`,
        {
          date: date.toString(),
        },
      );
    }
    return rate;
  }
}
