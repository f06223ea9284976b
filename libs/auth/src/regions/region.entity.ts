import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A unit of the administrative division tree (行政区划), keyed by its code in short form. */
@Entity({ name: 'regions' })
@Check('ck_regions_code', `code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'`)
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  level: string;

  @Index()
  @Column({ type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Region | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
