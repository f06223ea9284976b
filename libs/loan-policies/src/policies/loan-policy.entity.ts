import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Region } from '@mla/auth';
import { BIGINT_FEN } from '@mla/core';
import { PenaltyBasis, type PolicyRules, type PolicyStatus, type PrepaymentMode } from './policy-rules';
import type { SubsidyRule } from './subsidy-rule';

/**
 * One version of a loan policy for a jurisdiction (a province's policy applies to its counties; the most
 * specific jurisdiction wins). Versions of the same code and jurisdiction never overlap in time (the service
 * enforces it under an advisory lock).
 */
@Entity({ name: 'loan_policies' })
@Unique(['code', 'jurisdictionRegionCode', 'version'])
@Check('ck_loan_policies_status', `status IN ('ACTIVE', 'RETIRED')`)
@Check('ck_loan_policies_effective_range', `effective_to IS NULL OR effective_to >= effective_from`)
@Check('ck_loan_policies_age_band', `min_age <= max_age`)
@Check(
  'ck_loan_policies_amounts',
  `individual_max_fen > 0 AND partnership_per_person_max_fen > 0 AND small_consumer_loan_max_fen >= 0 AND (partnership_absolute_max_fen IS NULL OR partnership_absolute_max_fen > 0)`,
)
export class LoanPolicy implements PolicyRules {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. 'WOMEN-2009', 'CEGL-2024'. */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** e.g. '财金〔2009〕72号'. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  legalBasis: string | null;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  jurisdictionRegionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_region_code' })
  jurisdiction?: Region;

  /** 'YYYY-MM-DD', inclusive. */
  @Column({ type: 'date' })
  effectiveFrom: string;

  /** 'YYYY-MM-DD', inclusive; null while open-ended. */
  @Column({ type: 'date', nullable: true })
  effectiveTo: string | null;

  /** 1, 2, … per code and jurisdiction. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: PolicyStatus;

  @Column({ type: 'integer' })
  minAge: number;

  @Column({ type: 'integer' })
  maxAge: number;

  @Column({ type: 'integer', nullable: true })
  maxAgePlusTermYears: number | null;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  individualMaxFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  partnershipPerPersonMaxFen: bigint;

  @Column({ type: 'numeric', precision: 7, scale: 2 })
  partnershipTotalPercentOfMembers: string;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_FEN })
  partnershipAbsoluteMaxFen: bigint | null;

  @Column({ type: 'integer' })
  maxTermMonths: number;

  @Column({ type: 'integer' })
  extensionMaxMonths: number;

  @Column({ type: 'integer' })
  maxCumulativeLoans: number;

  @Column({ type: 'integer' })
  rateCapBasisPointsOverLpr: number;

  @Column({ type: 'varchar', length: 40, array: true })
  eligibleCategories: string[];

  @Column({ type: 'boolean' })
  womenOnly: boolean;

  @Column({ type: 'boolean' })
  counterGuaranteeRequired: boolean;

  @Column({ type: 'varchar', length: 12 })
  prepaymentMode: PrepaymentMode;

  @Column({ type: 'varchar', length: 24, default: 'PRINCIPAL' })
  penaltyBasis: PenaltyBasis;

  @Column({ type: 'varchar', length: 48, array: true })
  repaymentMethods: string[];

  @Column({ type: 'varchar', length: 32, array: true })
  otherLoanExemptKinds: string[];

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  smallConsumerLoanMaxFen: bigint;

  @Column({ type: 'varchar', length: 32, array: true })
  excludedEmployers: string[];

  @Column({ type: 'jsonb' })
  subsidyRule: SubsidyRule;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
