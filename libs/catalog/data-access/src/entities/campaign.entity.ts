import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DeliveryCriterion } from './delivery-account.entity';
import { numericTransformer } from './numeric-transformer';

/** Per-campaign options that have no column yet (they grow with the receiver and offers work). */
export interface CampaignSettings {
  /** Seed 000 Compliance tab: return client offers (FCC 1-to-1 consent flow). */
  returnClientOffers?: boolean;
}

/** A campaign rule (seed 003 Rules, Array<Criteria>): same shape as a delivery account criterion. */
export type CampaignRule = DeliveryCriterion;

/** Seed 003 Channel: Web = 0, PING/POST = 1, Phone = 2, Chat = 3. */
export type CampaignChannel = 0 | 1 | 2 | 3;

/**
 * A lead source campaign (seed 003 "Lead Source Campaign Details"). Caps: null, 0 or a negative
 * value means "no max" (the seed says "Set to null for no max"; its example payloads send 0 for
 * integers nobody set, and stopping a campaign is Status's job, not a zero cap).
 */
@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' }) uid!: string;
  @Column({ name: 'lead_source_id' }) leadSourceId!: number;
  @Column({ name: 'lead_type_id' }) leadTypeId!: number;
  @Column() name!: string;
  @Column({ default: 'Active' }) status!: string;
  @Column({ type: 'int', default: 0 }) channel!: CampaignChannel;
  @Column({ name: 'lead_price', type: 'numeric', transformer: numericTransformer, default: 0 }) leadPrice!: number;
  @Column({ name: 'max_sell', default: 1 }) maxSell!: number;
  /** Leads accepted in a rolling 60-minute period (seed: "in a 60 minute period"). */
  @Column({ name: 'hour_max', type: 'int', nullable: true }) hourMax!: number | null;
  /** Leads accepted in the current calendar day, in `timeZone`. */
  @Column({ name: 'day_max', type: 'int', nullable: true }) dayMax!: number | null;
  /** Leads accepted in the current calendar month, in `timeZone`. */
  @Column({ name: 'month_max', type: 'int', nullable: true }) monthMax!: number | null;
  /** Days to scan back for duplicates of a posted lead; 0 = no duplicate check. */
  @Column({ name: 'dup_day_max', type: 'int', default: 0 }) dupDayMax!: number;
  @Column({ name: 'use_qc_bin', default: false }) useQcBin!: boolean;
  /** Seed: AppendCityStateFromPostalCode. */
  @Column({ name: 'append_city_state', default: false }) appendCityState!: boolean;
  @Column({ name: 'allow_send_response', default: false }) allowSendResponse!: boolean;
  @Column({ name: 'use_delivery_queue', default: true }) useDeliveryQueue!: boolean;
  @Column({ name: 'revenue_share_percentage', type: 'numeric', precision: 6, scale: 3, nullable: true, transformer: numericTransformer })
  revenueSharePercentage!: number | null;
  @Column({ name: 'revenue_share_flat_rate', type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: numericTransformer })
  revenueShareFlatRate!: number | null;
  @Column({ type: 'jsonb', default: [] }) rules!: CampaignRule[];
  /** IANA zone the day and month caps count in. */
  @Column({ name: 'time_zone', type: 'text', default: 'America/New_York' }) timeZone!: string;
  @Column({ type: 'jsonb', default: {} }) settings!: CampaignSettings;
  /** Seed ReturnDayCount: how many days after intake a return of this campaign's lead is allowed. */
  @Column({ name: 'return_day_count', type: 'int', default: 0 }) returnDayCount!: number;
  /** Seed countReturns: returned leads still count toward the Hour/Day/Month maxes. */
  @Column({ name: 'count_returns', default: false }) countReturns!: boolean;
}
