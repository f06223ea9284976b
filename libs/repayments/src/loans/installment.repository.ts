import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Installment } from './installment.entity';

export interface NewInstallment {
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
];
/** PostgreSQL allows 65,535 parameters a statement; 1,000 rows × 8 stays well inside. */
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
        );
        return `(${COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      await tx.query(`INSERT INTO installments (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  }

  ofLoan(loanId: string, tx: EntityManager = this.dataSource.manager): Promise<Installment[]> {
    return tx.find(Installment, { where: { loanId }, order: { number: 'ASC' } });
  }
}
