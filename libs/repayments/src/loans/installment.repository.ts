import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
  constructor(private readonly dataSource: DataSource) {}

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

  /** Rows an extension replaces: they keep what was paid and owe nothing more. */
  async supersede(tx: EntityManager, ids: string[]): Promise<void> {
    await tx.query(
      `UPDATE installments SET principal_due_fen = principal_paid_fen, interest_due_fen = interest_paid_fen, status = 'SUPERSEDED'
        WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  ofLoan(loanId: string, tx: EntityManager = this.dataSource.manager): Promise<Installment[]> {
    return tx.find(Installment, { where: { loanId }, order: { number: 'ASC' } });
  }
}
