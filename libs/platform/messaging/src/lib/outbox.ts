import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventEnvelope, TopicName, TopicPayload, validatePayload } from '@leadx/contracts';
import { buildEnvelope } from './envelope';

/** The NOTIFY channel the relay listens on; the payload is the service name. */
export const OUTBOX_CHANNEL = 'leadx_outbox';

/** A signed 64-bit advisory-lock key for `parts` (as a decimal string for a ::bigint parameter). */
export function advisoryLockKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest().readBigInt64BE(0).toString();
}

/**
 * The transactional outbox: a service records the events it emits in the same Postgres
 * transaction as the state change that caused them, so either both happen or neither does. The
 * OutboxRelay publishes the rows to Kafka after commit.
 */
export class Outbox {
  constructor(readonly service: string) {}

  /**
   * Records one event. `manager` must be the caller's transactional EntityManager (inside
   * `dataSource.transaction(...)` or a consumer's `ctx.manager`); with a non-transactional manager
   * the event and the state change are no longer atomic.
   *
   * - The payload is validated against the topic's class first: an event every consumer would
   *   dead-letter fails here, in the producer's request, instead.
   * - The envelope captures the ACTIVE OpenTelemetry context, so the trace continues downstream.
   * - `pg_advisory_xact_lock` on (service, topic, key) serialises concurrent transactions that
   *   emit events for the same key, so outbox ids (the relay's publish order) follow commit
   *   order per key. Without it, a transaction that got id 10 but committed after id 11 would
   *   publish out of order. Locks are released at commit/rollback.
   * - `pg_notify` is transactional: the relay is woken when (and only if) the transaction commits.
   */
  async add<T extends TopicName>(
    manager: EntityManager,
    topic: T,
    key: string,
    payload: TopicPayload<T>,
    meta: { correlationId: string; causationId: string },
  ): Promise<EventEnvelope<TopicPayload<T>>> {
    validatePayload(topic, payload);
    const envelope = buildEnvelope<TopicPayload<T>>({ topic, key, payload, correlationId: meta.correlationId, causationId: meta.causationId });
    await manager.query(`SELECT pg_advisory_xact_lock($1::bigint), pg_notify($2, $3)`, [
      advisoryLockKey('leadx-outbox-key', this.service, topic, key),
      OUTBOX_CHANNEL,
      this.service,
    ]);
    await manager.query(`INSERT INTO outbox (service, topic, message_key, envelope) VALUES ($1, $2, $3, $4::jsonb)`, [
      this.service,
      topic,
      key,
      JSON.stringify(envelope),
    ]);
    return envelope;
  }
}
