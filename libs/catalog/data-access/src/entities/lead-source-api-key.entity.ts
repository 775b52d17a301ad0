import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('lead_source_api_keys')
export class LeadSourceApiKeyEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'lead_source_id' }) leadSourceId!: number;
  @Column() prefix!: string;
  @Column({ name: 'key_hash', type: 'bytea' }) keyHash!: Buffer;
  @Column({ type: 'text', nullable: true }) label!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
