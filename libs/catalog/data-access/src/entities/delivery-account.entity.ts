import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Criterion } from '@leadx/catalog-criteria';
import { numericTransformer } from './numeric-transformer';

/** A criterion as seed 003 stores it on a delivery account or campaign (evaluated by @leadx/catalog-criteria). */
export type DeliveryCriterion = Criterion;

/**
 * The kinds of delivery of seed 003's delivery_type. The delivery worker implements JSON (an HTTP
 * POST of the lead's fields as JSON to `url`); account-admin projects 'XML / JSON' methods to it.
 */
export type DeliveryMethodKind =
  | 'JSON'
  | 'HTTP_POST'
  | 'HTTP_GET'
  | 'SOAP'
  | 'PING_POST'
  | 'FTP'
  | 'EMAIL'
  | 'CSV_EMAIL'
  | 'BATCH_EMAIL'
  | 'SMS'
  | 'SALESEXEC'
  | 'INTERNAL';

/**
 * Seed 003 delivery_type name → the worker's kind: account-admin projects methods with it and the
 * delivery worker reads `delivery_methods.type` with it, so the two cannot drift apart.
 */
export const DELIVERY_KIND_BY_SEED_TYPE: Readonly<Record<string, DeliveryMethodKind>> = {
  'HTTP POST': 'HTTP_POST',
  'HTTP GET': 'HTTP_GET',
  'XML / JSON': 'JSON',
  SalesExec: 'SALESEXEC',
  FTP: 'FTP',
  'E-Mail': 'EMAIL',
  'CSV Attachment': 'CSV_EMAIL',
  SOAP: 'SOAP',
  'Internal System': 'INTERNAL',
  'PING/POST': 'PING_POST',
  'Batch Email File Delivery': 'BATCH_EMAIL',
  'SMS Notification': 'SMS',
};

/**
 * How a delivery account receives leads: account-admin writes it from the account's delivery method
 * (table delivery_methods, seed 003 DeliveryDetails) whenever either changes.
 */
export interface DeliveryMethodSettings {
  type: DeliveryMethodKind;
  url: string;
  timeoutMs?: number;
  /** Text the buyer's answer must contain for the send to count as sold (seed 003 ResponseSearch). */
  responseSearch?: string;
  /** Seed useRegEx: responseSearch is a regular expression (for the safe pattern engine), not plain text. */
  responseSearchIsRegex?: boolean;
  /** The delivery_methods row this was projected from (seed DeliveryUID). */
  deliveryMethodId?: number;
  /** The seed's delivery_type name, e.g. 'HTTP POST'. */
  seedType?: string;
  /** Seed DeliveryDetails.Status: false means the method is switched off. */
  enabled?: boolean;
  /** Seed inTesting: send test values where available. */
  inTesting?: boolean;
  /** Seed AlternatePosting: the method to use when this one fails. */
  alternateDeliveryMethodId?: number;
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
  /** Seed DeliveryUID / AlternatePosting: rows of delivery_methods. */
  @Column({ name: 'delivery_method_id', type: 'int', nullable: true }) deliveryMethodId!: number | null;
  @Column({ name: 'alternate_delivery_method_id', type: 'int', nullable: true }) alternateDeliveryMethodId!: number | null;
  /** Quantity maxes; null means no maximum (the seed's -1). */
  @Column({ name: 'hour_max', type: 'int', nullable: true }) hourMax!: number | null;
  @Column({ name: 'day_max', type: 'int', nullable: true }) dayMax!: number | null;
  @Column({ name: 'week_max', type: 'int', nullable: true }) weekMax!: number | null;
  @Column({ name: 'month_max', type: 'int', nullable: true }) monthMax!: number | null;
  @Column({ name: 'use_order', default: false }) useOrder!: boolean;
  @Column({ name: 'delivery_delay_seconds', default: 0 }) deliveryDelaySeconds!: number;
  @Column({ name: 'automation_enabled', default: true }) automationEnabled!: boolean;
}
