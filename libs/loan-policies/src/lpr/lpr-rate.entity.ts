import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The loan prime rate (贷款市场报价利率) as published, one row per publication that changed it. The rate in
 * force on a date is the row with the latest effective date on or before it.
 */
@Entity({ name: 'lpr_rates' })
@Check('ck_lpr_rates_one_year_percent', `one_year_percent > 0`)
@Check('ck_lpr_rates_five_year_percent', `five_year_percent IS NULL OR five_year_percent > 0`)
export class LprRate {
  /** 'YYYY-MM-DD': the publication date (the 20th, or the next working day). */
  @PrimaryColumn({ type: 'date' })
  effectiveDate: string;

  /** Percent per year, e.g. '3.4500'. */
  @Column({ type: 'numeric', precision: 6, scale: 4 })
  oneYearPercent: string;

  /** The over-5-year rate, where known. */
  @Column({ type: 'numeric', precision: 6, scale: 4, nullable: true })
  fiveYearPercent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
