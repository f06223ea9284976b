import { JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LoanApplication } from './application.entity';

export interface AttachmentMeta {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** 实地考察: the federation's visit to the applicant's business, required before a recommendation. */
@Entity({ name: 'field_visits' })
export class FieldVisit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => LoanApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: LoanApplication;

  @Column({ type: 'date' })
  visitDate: string;

  @Column({ type: 'uuid' })
  officerUserId: string;

  @Column({ type: 'text' })
  findings: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  attachments: AttachmentMeta[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
