import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Criterion } from '@leadx/catalog-criteria';
import { numericTransformer } from './numeric-transformer';

/** A criterion as seed 003 stores it on a delivery account or campaign (evaluated by @leadx/catalog-criteria). */
export type DeliveryCriterion = Criterion;

/** How a delivery account receives leads. The slice implements HTTP JSON POST. */
export interface DeliveryMethodSettings {
  type: 'JSON';
  url: string;
  timeoutMs?: number;
  /** Text the buyer's answer must contain for the send to count as sold (seed 003 ResponseSearch). */
  responseSearch?: string;
}

@Entity('delivery_accounts')
export class DeliveryAccountEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' }) uid!: string;
  @Column({ name: 'client_id' }) clientId!: number;
  @Column({ name: 'lead_type_id' }) leadTypeId!: number;
  @Column() name!: string;
  @Column({ default: 'Open' }) status!: string;
  @Column({ name: 'account_type', default: 'General' }) accountType!: string;
  @Column({ type: 'numeric', transformer: numericTransformer, default: 0 }) price!: number;
  @Column({ default: 0 }) priority!: number;
  @Column({ type: 'jsonb', default: [] }) criteria!: DeliveryCriterion[];
  @Column({ name: 'delivery_method', type: 'jsonb', default: {} }) deliveryMethod!: DeliveryMethodSettings;
  /** LiveCall accounts: who a transferred call reaches. */
  @Column({ name: 'agent_name', type: 'text', nullable: true }) agentName!: string | null;
  @Column({ name: 'agent_phone', type: 'text', nullable: true }) agentPhone!: string | null;
  @Column({ name: 'redirect_url', type: 'text', nullable: true }) redirectUrl!: string | null;
}
