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
import { Region } from '../regions/region.entity';
import { ORGANISATION_KINDS, OrganisationKind } from './organisation-kind';

export type OrganisationStatus = 'ACTIVE' | 'INACTIVE';

@Entity({ name: 'organisations' })
@Unique(['regionCode', 'name'])
@Check('ck_organisations_kind', `kind IN (${ORGANISATION_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Check('ck_organisations_status', `status IN ('ACTIVE', 'INACTIVE')`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganisationKind;

  /** The region the organisation serves: its jurisdiction. */
  @Index()
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  /** A bank branch's head office, a township office's county office. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Organisation | null;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: OrganisationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
