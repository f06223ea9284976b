import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LocalDate } from '@mla/core';
import type { Schedule } from '../schedule/schedule-types';
import { Installment } from './installment.entity';

export interface NewInstallment {
  /** False for periods of an extension (never subsidised). Defaults to true. */
  subsidisable?: boolean;
  loanId: string;
  number: number;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  days: number;
  principalDueFen: bigint;
  interestDueFen: bigint;
}

const COLUMNS = [
  'loan_id',
  'number',
  'period_start',
  'period_end',
  'due_date',
  'days',
  'principal_due_fen',
  'interest_due_fen',
  'subsidisable',
];
/** PostgreSQL allows 65,535 parameters a statement; 1,000 rows × 9 stays well inside. */
const CHUNK_ROWS = 1000;

@Injectable()
export class InstallmentRepository {
  /** Multi-row INSERTs in chunks: schedules for many loans are written in a few statements, never row by row. */
  async insertMany(tx: EntityManager, rows: NewInstallment[]): Promise<void> {
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const base = params.length;
        params.push(
          r.loanId,
          r.number,
          r.periodStart,
          r.periodEnd,
          r.dueDate,
          r.days,
          r.principalDueFen.toString(),
          r.interestDueFen.toString(),
          r.subsidisable ?? true,
        );
        return `(${COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      await tx.query(`INSERT INTO installments (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  }

  /**
   * Writes a schedule's rows for a loan, numbered after `afterNumber`. Rows ending on or after `subsidisableUntil`
   * (an extension's periods) are marked not subsidisable.
   */
  async insertSchedule(
    tx: EntityManager,
    loanId: string,
    schedule: Schedule,
    afterNumber = 0,
    subsidisableUntil?: LocalDate,
  ): Promise<void> {
    await this.insertMany(
      tx,
      schedule.rows.map((r) => ({
        loanId,
        number: afterNumber + r.number,
        periodStart: r.periodStart.toString(),
        periodEnd: r.periodEnd.toString(),
        dueDate: r.dueDate.toString(),
        days: r.days,
        principalDueFen: r.principal.fen,
        interestDueFen: r.interest.fen,
        subsidisable: subsidisableUntil ? r.periodEnd.isBefore(subsidisableUntil) : true,
      })),
    );
  }

  /** Replaces the given rows (kept as SUPERSEDED) with planned rows numbered after the loan's last row. */
  async replaceWithRows(
    tx: EntityManager,
    loanId: string,
    replaced: string[],
    rows: {
      periodStart: string;
      periodEnd: string;
      dueDate: string;
      days: number;
      principal: { fen: bigint };
      interest: { fen: bigint };
    }[],
  ): Promise<void> {
    await this.supersede(tx, replaced);
    const [{ last }] = (await tx.query(`SELECT max(number)::int AS last FROM installments WHERE loan_id = $1`, [
      loanId,
    ])) as {
      last: number;
    }[];
    await this.insertMany(
      tx,
      rows.map((r, n) => ({
        loanId,
        number: last + n + 1,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        dueDate: r.dueDate,
        days: r.days,
        principalDueFen: r.principal.fen,
        interestDueFen: r.interest.fen,
      })),
    );
  }

  /** Replaces the given rows (kept as SUPERSEDED) with a new schedule numbered after the loan's last row. */
  async replaceWith(
    tx: EntityManager,
    loanId: string,
    replaced: string[],
    schedule: Schedule,
    subsidisableUntil?: LocalDate,
  ): Promise<void> {
    await this.supersede(tx, replaced);
    const [{ last }] = (await tx.query(`SELECT max(number)::int AS last FROM installments WHERE loan_id = $1`, [
      loanId,
    ])) as {
      last: number;
    }[];
    await this.insertSchedule(tx, loanId, schedule, last, subsidisableUntil);
  }

  /** Rows an extension replaces: they keep what was paid and owe nothing more. */
  async supersede(tx: EntityManager, ids: string[]): Promise<void> {
    await tx.query(
      `UPDATE installments SET principal_due_fen = principal_paid_fen, interest_due_fen = interest_paid_fen, status = 'SUPERSEDED'
        WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  ofLoan(tx: EntityManager, loanId: string): Promise<Installment[]> {
    return tx.find(Installment, { where: { loanId }, order: { number: 'ASC' } });
  }
}
