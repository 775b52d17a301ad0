import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('clients')
export class ClientEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' }) uid!: string;
  @Column() name!: string;
  @Column({ default: 'Active' }) status!: string;
  @Column({ name: 'time_zone', default: 'America/New_York' }) timeZone!: string;
}
