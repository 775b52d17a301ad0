import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('lead_types')
export class LeadTypeEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' }) uid!: string;
  @Column() name!: string;
  /** Seed 003 InQC: the lead type is in quality review. */
  @Column({ name: 'in_qc', default: false }) inQc!: boolean;
  /** Seed 003 Status: the lead type is enabled. */
  @Column({ default: true }) status!: boolean;
  /** Seed 003 TypeUID: the industry type. */
  @Column({ name: 'type_uid', type: 'int', default: 0 }) typeUid!: number;
}
