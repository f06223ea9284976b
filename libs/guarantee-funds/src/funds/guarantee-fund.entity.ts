import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CompensationBasis, FundStatus } from './fund-status';

/**
 * A guarantee fund (担保基金): a ring-fenced deposit that backs loans up to a multiple of its balance. Every rule
 * number is the fund's own configuration. Balances are never stored here: they are derived from the ledger.
 */
@Entity({ name: 'guarantee_funds' })
@Check('ck_guarantee_funds_status', `status IN ('OPEN', 'SUSPENDED')`)
@Check('ck_guarantee_funds_basis', `compensation_basis IN ('PRINCIPAL', 'PRINCIPAL_AND_INTEREST')`)
@Check(
  'ck_guarantee_funds_rules',
  `base_leverage > 0 AND (raised_leverage IS NULL OR raised_leverage >= base_leverage) AND fund_share > 0 AND fund_share <= 1 AND compensation_trigger_days >= 0`,
)
export class GuaranteeFund {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short code, used in guarantee contract numbers (e.g. TMYQ). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Who put the money in (e.g. 土默特右旗财政局). */
  @Column({ type: 'varchar', length: 200 })
  sponsor: string;

  /** Loans of this region (and the regions under it) may be guaranteed. */
  @Index()
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  /** The guarantee agency operating the fund. */
  @Column({ type: 'uuid' })
  agencyOrganisationId: string;

  @Column({ type: 'varchar', length: 100 })
  depositBankName: string;

  /** The fund's own (institutional) deposit account. */
  @Column({ type: 'varchar', length: 40 })
  depositAccountNumber: string;

  /** Outstanding guaranteed principal ≤ leverage × deposit balance; this is the baseline multiple (e.g. 5). */
  @Column({ type: 'numeric', precision: 6, scale: 2 })
  baseLeverage: string;

  /** The multiple when last year's repayment rate at maturity reached `raiseThresholdRate` (e.g. 10); none: never. */
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  raisedLeverage: string | null;

  /** e.g. 0.9000 for 90%. */
  @Column({ type: 'numeric', precision: 5, scale: 4 })
  raiseThresholdRate: string;

  /** The fund's share of a loss (e.g. 0.8000); the bank keeps the rest. */
  @Column({ type: 'numeric', precision: 5, scale: 4 })
  fundShare: string;

  @Column({ type: 'varchar', length: 24 })
  compensationBasis: CompensationBasis;

  /** Days past due after which a bank may claim compensation (e.g. 90). */
  @Column({ type: 'integer' })
  compensationTriggerDays: number;

  /**
   * Yearly ceiling on compensation paid, as a fraction of the year's capital (deposit balance at 1 January plus
   * contributions booked in the year); none: no ceiling.
   */
  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true })
  yearlyCompensationCapRate: string | null;

  /** Alert when leverage used (liability ÷ capacity) reaches this (e.g. 0.9000). */
  @Column({ type: 'numeric', precision: 5, scale: 4 })
  leverageAlertRate: string;

  /** Alert when compensation paid ÷ guarantees issued reaches this (e.g. 0.0500). */
  @Column({ type: 'numeric', precision: 5, scale: 4 })
  compensationAlertRate: string;

  @Column({ type: 'varchar', length: 12 })
  status: FundStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
