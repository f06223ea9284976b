import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { GuaranteeFund } from './guarantee-fund.entity';

/**
 * The yearly determination behind a fund's leverage: what fell due in the previous year on the fund's loans and
 * what of it was repaid by its due date (到期还款率). Taken once, on the first need in a year, so that a capacity
 * check never rescans every installment; an operator re-takes it after late corrections to the previous year.
 */
@Entity({ name: 'guarantee_fund_leverage_assessments' })
export class LeverageAssessment {
  @PrimaryColumn({ type: 'uuid' })
  fundId: string;

  @ManyToOne(() => GuaranteeFund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id' })
  fund?: GuaranteeFund;

  /** The year the leverage applies to (assessing the year before). */
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  dueFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  paidByDueDateFen: bigint;

  @Column({ type: 'varchar', length: 64 })
  assessedByUsername: string;

  @CreateDateColumn({ type: 'timestamptz' })
  assessedAt: Date;
}
