import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FundingLevel } from './funding-level';

/**
 * The yearly subsidy budget of one funding level in one jurisdiction. It holds no figures (they are derived from
 * its entries); it is the one row every booking on the budget locks (FOR UPDATE), so concurrent approvals take
 * turns and none can overdraw it.
 */
@Entity({ name: 'subsidy_budgets' })
@Check('ck_subsidy_budgets_level', `funding_level IN ('CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY')`)
@Check('ck_subsidy_budgets_year', `fiscal_year BETWEEN 2000 AND 2100`)
@Index('uq_subsidy_budgets_key', ['regionCode', 'fiscalYear', 'fundingLevel'], { unique: true })
export class SubsidyBudget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The jurisdiction whose finance bureau holds the budget (a division code). */
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'integer' })
  fiscalYear: number;

  @Column({ type: 'varchar', length: 12 })
  fundingLevel: FundingLevel;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
