import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('lead_types')
export class LeadTypeEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' }) uid!: string;
  @Column() name!: string;
}
