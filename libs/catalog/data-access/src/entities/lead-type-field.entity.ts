import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('lead_type_fields')
export class LeadTypeFieldEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'lead_type_id' }) leadTypeId!: number;
  @Column() name!: string;
  @Column({ name: 'data_type', default: 'Text' }) dataType!: string;
  @Column({ default: false }) required!: boolean;
  @Column({ name: 'special_bit', type: 'text', nullable: true }) specialBit!: string | null;
  @Column({ type: 'jsonb', default: {} }) settings!: Record<string, unknown>;
}
