import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('lead_sources')
export class LeadSourceEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' }) uid!: string;
  @Column() name!: string;
  @Column({ type: 'text', nullable: true }) username!: string | null;
  @Column({ default: 'Active' }) status!: string;
}
