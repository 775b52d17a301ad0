import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { EventEnvelope } from '@leadx/contracts';
import { envelopeHeaders } from './envelope';
import { physicalTopic } from './kafka';
import { defaultLogger } from './logger';

export interface EventPublisherOptions {
  topicPrefix?: string;
  logger?: Logger;
}

/**
 * Publishes envelopes with an idempotent producer: `idempotent: true` makes the broker drop
 * duplicates caused by the producer's own retries, `acks: -1` waits for every in-sync replica,
 * and `maxInFlightRequests: 1` keeps a retried request from overtaking the next one, so the
 * order of a call is the order on each partition.
 *
 * Services do not call this directly for domain events: they write to the Outbox and the
 * OutboxRelay publishes here.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private readonly logger: Logger;
  private connecting?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly opts: EventPublisherOptions = {},
  ) {
    this.logger = opts.logger ?? defaultLogger();
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java-compatible murmur2: the same key lands on the same partition as with any Kafka client.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    if (!this.connecting) return;
    this.connecting = undefined;
    await this.producer.disconnect();
  }

  /**
   * Publishes already-built envelopes to the logical `topic` (the prefix is applied here), in
   * order, as one request. Value: the JSON envelope; key: `envelope.key`; headers: event-id,
   * schema-version, correlation/causation ids and the W3C trace context, plus `extraHeaders[i]`
   * for envelope i. Rejects when the broker did not acknowledge; the caller retries.
   */
  async publishEnvelopes(topic: string, envelopes: EventEnvelope[], extraHeaders?: Record<string, string>[]): Promise<void> {
    if (envelopes.length === 0) return;
    await this.connect();
    const messages: Message[] = envelopes.map((envelope, i) => ({
      key: envelope.key,
      value: JSON.stringify(envelope),
      headers: { ...(extraHeaders?.[i] ?? {}), ...envelopeHeaders(envelope) },
    }));
    const target = physicalTopic(topic, this.opts.topicPrefix);
    await this.producer.send({ topic: target, acks: -1, messages });
    this.logger.debug({ topic: target, count: envelopes.length }, 'published events');
  }
}
