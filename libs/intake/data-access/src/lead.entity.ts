import { Column, Entity } from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };
const bigint = { to: (v: number) => v, from: (v: string) => Number(v) };

/** A lead as received (owner: receiver). `status` follows it through the platform. */
@Entity('leads')
export class LeadEntity {
  // bigserial: pg hands back a string; lead ids stay far below 2^53.
  @Column({ type: 'bigint', primary: true, generated: 'increment', transformer: bigint }) id!: number;
  @Column({ type: 'uuid' }) uid!: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId!: string;
  @Column({ name: 'lead_source_id' }) leadSourceId!: number;
  @Column({ name: 'campaign_id' }) campaignId!: number;
  @Column({ name: 'lead_type_id' }) leadTypeId!: number;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Column({ type: 'jsonb' }) fields!: Record<string, string>;
  @Column() status!: string;
  @Column({ name: 'send_delay_hours', type: 'numeric', transformer: numeric }) sendDelayHours!: number;
  @Column({ name: 'no_sell' }) noSell!: boolean;
  @Column({ name: 'pending_review' }) pendingReview!: boolean;
  @Column({ type: 'numeric', transformer: numeric }) price!: number;
  /** 'general' or 'calldata' (seed 002 insert endpoints). */
  @Column({ default: 'general' }) kind!: string;
  /** Call properties of call leads (ivrNumber, callDuration, callResult, callDate, recordingUrl). */
  @Column({ type: 'jsonb', default: {} }) properties!: Record<string, string | number>;
  @Column({ name: 'return_url', type: 'text', nullable: true }) returnUrl!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
