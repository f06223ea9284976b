import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { DeclaredLoan, EmploymentStatus, HouseholdType } from './applicant-enums';

/**
 * A person in the programme. ID numbers, phones and bank accounts are stored only encrypted (`*_ciphertext`),
 * with a keyed hash (`*_index`) for exact lookup and a masked copy for display.
 */
@Entity({ name: 'applicants' })
@Check('ck_applicants_sex', `sex IN ('F', 'M')`)
@Check('ck_applicants_household', `household_type IN ('URBAN', 'RURAL')`)
export class Applicant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Indexed: statement lines name their payer, and reconciliation suggests loans by it. */
  @Index()
  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'text' })
  idNumberCiphertext: string;

  /** One person, one record: the keyed hash of the normalised ID number is unique. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  idNumberIndex: string;

  @Column({ type: 'varchar', length: 18 })
  idNumberMasked: string;

  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'char', length: 1 })
  sex: 'F' | 'M';

  /** The female flag banks report; from the ID's sex digit unless the officer recorded otherwise. */
  @Column({ type: 'boolean' })
  female: boolean;

  @Column({ type: 'text' })
  mobileCiphertext: string;

  @Index()
  @Column({ type: 'char', length: 64 })
  mobileIndex: string;

  @Column({ type: 'varchar', length: 11 })
  mobileMasked: string;

  /** Where the applicant lives, down to the village (9 or 12 digits) where known. */
  @Index()
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  addressDetail: string | null;

  @Column({ type: 'varchar', length: 8 })
  householdType: HouseholdType;

  @Column({ type: 'varchar', length: 40, nullable: true })
  category: string | null;

  @Column({ type: 'varchar', length: 40, array: true, default: () => `'{}'` })
  subFlags: string[];

  @Column({ type: 'varchar', length: 40 })
  businessKind: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  businessDescription: string | null;

  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  /** A credit code that fails its check character but is real: accepted with a reason, audited. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  creditCodeOverrideReason: string | null;

  @Column({ type: 'integer', default: 0 })
  monthsOperating: number;

  @Column({ type: 'integer', default: 0 })
  jobsCreated: number;

  @Column({ type: 'text', nullable: true })
  spouseIdNumberCiphertext: string | null;

  @Index()
  @Column({ type: 'char', length: 64, nullable: true })
  spouseIdNumberIndex: string | null;

  @Column({ type: 'varchar', length: 18, nullable: true })
  spouseIdNumberMasked: string | null;

  @Column({ type: 'text', nullable: true })
  bankAccountCiphertext: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  bankAccountMasked: string | null;

  @Column({ type: 'varchar', length: 40 })
  employmentStatus: EmploymentStatus;

  /** Programme loans before this system (paper records). */
  @Column({ type: 'integer', default: 0 })
  priorProgrammeLoans: number;

  @Column({ type: 'boolean', default: false })
  priorLoanOutstanding: boolean;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  otherLoans: DeclaredLoan[];

  /** The federation office that registered the applicant. */
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
