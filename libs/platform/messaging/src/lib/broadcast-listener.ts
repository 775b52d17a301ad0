import { randomUUID } from 'node:crypto';
import { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TopicName, TopicPayload, validatePayload } from '@leadx/contracts';
import { parseEnvelope } from './envelope';
import { physicalTopic } from './kafka';

export interface BroadcastListenerOptions<T extends TopicName> {
  kafka: Kafka;
  topic: T;
  topicPrefix?: string;
  /** Names the group: `<prefix><service>.broadcast.<random>`. */
  service: string;
  logger: Logger;
  onEvent: (payload: TopicPayload<T>) => void;
}

/**
 * Every replica hears every event of a topic: a consumer group of its own per process, starting at
 * the latest offset, no processed_events bookkeeping. Made for cache invalidation, where missing
 * an event only means the cache's short TTL does the job instead, and hearing one twice is harmless.
 * Work that must happen exactly once belongs on an EventConsumer, not here.
 */
export class BroadcastListener<T extends TopicName> {
  private consumer?: Consumer;

  constructor(private readonly opts: BroadcastListenerOptions<T>) {}

  async start(): Promise<void> {
    const { kafka, topic, topicPrefix, service, logger } = this.opts;
    const physical = physicalTopic(topic, topicPrefix);
    const consumer = kafka.consumer({
      groupId: `${topicPrefix ?? ''}${service}.broadcast.${randomUUID()}`,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 200,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: physical, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        try {
          const envelope = parseEnvelope(JSON.parse(message.value?.toString('utf8') ?? 'null'), topic, physical);
          const payload = validatePayload(topic, envelope.payload);
          this.opts.onEvent(payload);
        } catch (err) {
          // A bad broadcast is skipped: nothing downstream depends on it but a cache's freshness.
          logger.warn({ err, topic: physical }, 'ignored an invalid broadcast event');
        }
      },
    });
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }
}
