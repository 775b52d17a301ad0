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
    const { envelope, row } = this.prepare(topic, key, payload, meta);
    // One round trip: the CTE takes the lock (and queues the NOTIFY) before the INSERT's row, and
    // so its id from the sequence, is produced.
    await manager.query(
      `WITH ordered AS (SELECT pg_advisory_xact_lock($1::bigint), pg_notify($2, $3))
       INSERT INTO outbox (service, topic, message_key, envelope) SELECT $3, $4, $5, $6::jsonb FROM ordered`,
      [this.orderingLockKey(topic, key), OUTBOX_CHANNEL, row.service, row.topic, row.key, row.envelope],
    );
    return envelope;
  }

  /**
   * Validates the payload and builds the envelope and the outbox row WITHOUT writing it, for a
   * caller that inserts outbox rows in its own statement (e.g. in one statement with the rows that
   * caused them). Such a caller takes over what `add` guarantees:
   * - insert `row` into `outbox` (service, topic, message_key, envelope::jsonb) in the same
   *   transaction as the state change;
   * - send `pg_notify(OUTBOX_CHANNEL, service)` in that transaction (once per transaction is enough:
   *   Postgres folds identical notifications of one transaction);
   * - keep the per-key order: either take `add`'s advisory lock (`orderingLockKey`) before the
   *   insert, or only use it for keys no other transaction can emit before this one commits (e.g.
   *   the id of a row created in this transaction: any later event for that key comes from a
   *   transaction that saw this one committed, so its outbox id is higher).
   */
  prepare<T extends TopicName>(
    topic: T,
    key: string,
    payload: TopicPayload<T>,
    meta: { correlationId: string; causationId: string },
  ): { envelope: EventEnvelope<TopicPayload<T>>; row: OutboxRow } {
    validatePayload(topic, payload);
    const envelope = buildEnvelope<TopicPayload<T>>({ topic, key, payload, correlationId: meta.correlationId, causationId: meta.causationId });
    return { envelope, row: { service: this.service, topic, key, envelope: JSON.stringify(envelope) } };
  }

  /** The advisory-lock key `add` takes for (this service, topic, key). */
  orderingLockKey(topic: TopicName, key: string): string {
    return advisoryLockKey('leadx-outbox-key', this.service, topic, key);
  }
}

/** One outbox row as `Outbox.prepare` builds it (`envelope` is JSON text for a jsonb column). */
export interface OutboxRow {
  service: string;
  topic: string;
  key: string;
  envelope: string;
}
