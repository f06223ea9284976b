import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mla/auth';
import { assertDateWithin, Clock, EARLIEST_BUSINESS_DATE, type LocalDate } from '@mla/core';
import { DailyCloseRepository, type DailyCloseResult } from './daily-close.repository';

/** Marks overdue installments and loans and accrues penalty interest, for all loans, as of a business date. */
@Injectable()
export class DailyCloseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly close: DailyCloseRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Defaults to today's business date (Asia/Shanghai). The run's totals are audited as one entry. */
  async run(asOf: LocalDate = this.clock.today()): Promise<DailyCloseResult> {
    // A close ahead of today would mark installments overdue that nobody has missed yet, and accrue penalty on them.
    assertDateWithin('asOf', asOf, {
      min: EARLIEST_BUSINESS_DATE,
      max: this.clock.today(),
      minReason: 'the earliest business date',
      maxReason: 'today',
    });
    const result = await this.dataSource.transaction((tx) => this.close.run(tx, asOf.toString()));
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, {
        action: 'daily_close.run',
        entityType: 'daily_close',
        entityId: result.asOf,
        after: result,
      }),
    );
    return result;
  }
}
