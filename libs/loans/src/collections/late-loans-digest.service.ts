import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Role, UserService } from '@mla/auth';
import { BUSINESS_TIME_ZONE, Clock, regionPrefix, type LocalDate } from '@mla/core';
import { loanFiguresSql } from './call-list.repository';

/** What is late in an officer's region on a date: what her daily digest says. */
export interface OfficerLateLoans {
  userId: string;
  displayName: string;
  regionCode: string;
  /** Loans in servicing of the region with an installment overdue on the date. */
  lateLoans: number;
  /** Principal, interest and penalty owed on their overdue installments (penalty to the date). */
  dueNowFen: bigint;
  /** The most days late among them (0 when none). */
  maxDaysLate: number;
  /** Late loans with no contact recorded from the day they fell late through the date: nobody has called yet. */
  notContacted: number;
}

/**
 * The figures of a daily digest to each officer of what is late in her region (贷后逾期日报). The job that sends it
 * (notifications) calls this once a day and formats the message; this only counts. One statement for all officers
 * whatever their number: the loans' figures once, then summed per distinct region of the officers.
 */
@Injectable()
export class LateLoansDigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly clock: Clock,
  ) {}

  async lateLoansByOfficer(
    asOf: LocalDate = this.clock.today(),
    roles: Role[] = [Role.LOAN_OFFICER],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<OfficerLateLoans[]> {
    const officers = await this.users.activeHoldersOf(roles, tx);
    if (officers.length === 0) return [];
    const prefixes = [...new Set(officers.map((o) => regionPrefix(o.regionCode)))];
    const rows = (await tx.query(
      `WITH ${loanFiguresSql(`AND l.region_code LIKE ANY (SELECT p || '%' FROM unnest($2::text[]) p)`)},
       late AS (
         SELECT p.loan_id, p.due_now, p.days_late, l.region_code,
                NOT EXISTS (
                  SELECT 1 FROM loan_contacts c
                   WHERE c.loan_id = p.loan_id
                     AND c.contacted_at >= (p.oldest_overdue::timestamp AT TIME ZONE '${BUSINESS_TIME_ZONE}')
                     AND c.contacted_at < (($1::date + 1)::timestamp AT TIME ZONE '${BUSINESS_TIME_ZONE}')) AS silent
           FROM per_loan p JOIN loans l ON l.id = p.loan_id
          WHERE p.days_late > 0)
       SELECT r.prefix, count(x.loan_id)::int AS loans, COALESCE(sum(x.due_now), 0)::text AS due_now,
              COALESCE(max(x.days_late), 0)::int AS max_days, count(x.loan_id) FILTER (WHERE x.silent)::int AS silent
         FROM unnest($2::text[]) AS r(prefix)
         LEFT JOIN late x ON x.region_code LIKE r.prefix || '%'
        GROUP BY r.prefix`,
      [asOf.toString(), prefixes],
    )) as { prefix: string; loans: number; due_now: string; max_days: number; silent: number }[];
    const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
    return officers.map((o) => {
      const r = byPrefix.get(regionPrefix(o.regionCode));
      return {
        userId: o.userId,
        displayName: o.displayName,
        regionCode: o.regionCode,
        lateLoans: r?.loans ?? 0,
        dueNowFen: BigInt(r?.due_now ?? '0'),
        maxDaysLate: r?.max_days ?? 0,
        notContacted: r?.silent ?? 0,
      };
    });
  }
}
