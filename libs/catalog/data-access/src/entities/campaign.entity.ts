import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './numeric-transformer';

/** Per-campaign options that have no column yet (they grow with the receiver and offers work). */
export interface CampaignSettings {
  /** Seed 000 Compliance tab: return client offers (FCC 1-to-1 consent flow). */
  returnClientOffers?: boolean;
  allowSendResponse?: boolean;
}

@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' }) uid!: string;
  @Column({ name: 'lead_source_id' }) leadSourceId!: number;
  @Column({ name: 'lead_type_id' }) leadTypeId!: number;
  @Column() name!: string;
  @Column({ default: 'Active' }) status!: string;
  @Column({ name: 'lead_price', type: 'numeric', transformer: numericTransformer, default: 0 }) leadPrice!: number;
  @Column({ name: 'max_sell', default: 1 }) maxSell!: number;
  @Column({ type: 'jsonb', default: {} }) settings!: CampaignSettings;
}
