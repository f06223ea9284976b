import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mla/auth';
import { Clock, type LocalDate } from '@mla/core';
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
    const result = await this.close.run(asOf.toString());
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
