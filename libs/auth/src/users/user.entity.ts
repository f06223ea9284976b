import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import type { Role } from './role';

export type UserStatus = 'ACTIVE' | 'DISABLED';

@Entity({ name: 'users' })
@Check('ck_users_status', `status IN ('ACTIVE', 'DISABLED')`)
@Check('ck_users_username', `username = lower(username)`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored in lower case; login is case-insensitive. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  /** argon2id, PHC string format. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 32, array: true })
  roles: Role[];

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: UserStatus;

  /** Raised when the password changes or the user is disabled: older tokens stop working. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  /** The user's work mobile, encrypted (reminders tell loan and bank officers); never read unless needed. */
  @Column({ type: 'text', nullable: true, select: false })
  phoneCiphertext?: string | null;

  /** The mobile masked for display (135****5000). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneMasked: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
