import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import Redis from 'ioredis';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { BaseServiceConfig } from '@leadx/platform-config';
import { dataSourceOptions } from '@leadx/platform-database';
import { createKafka, EventConsumer, EventPublisher, Outbox, OutboxRelay } from '@leadx/platform-messaging';
import { createLogger } from '@leadx/platform-observability';
import { createRedis } from '@leadx/platform-redis';

export interface ConsumerTuning {
  sessionTimeout?: number;
  heartbeatInterval?: number;
  partitionsConsumedConcurrently?: number;
}

export interface InfrastructureOptions {
  /** Service name: logs, metrics, outbox rows and the Kafka client id carry it. */
  service: string;
  config: BaseServiceConfig;
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  /** Set for services that consume events: their Kafka consumer group. */
  consumerGroupId?: string;
  /** Tunes the consumer (tests use short session timeouts). */
  consumer?: ConsumerTuning;
  logger?: Logger;
}

/** The connections one service holds. Created before Nest so modules get concrete instances. */
export interface ServiceInfrastructure {
  service: string;
  config: BaseServiceConfig;
  logger: Logger;
  dataSource: DataSource;
  redis: Redis;
  kafka: Kafka;
  publisher: EventPublisher;
  outbox: Outbox;
  relay: OutboxRelay;
  consumer?: EventConsumer;
}

export async function createInfrastructure(opts: InfrastructureOptions): Promise<ServiceInfrastructure> {
  const { service, config } = opts;
  const logger = opts.logger ?? createLogger({ service, level: config.LOG_LEVEL });
  const dataSource = new DataSource(
    dataSourceOptions({
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      entities: opts.entities,
      applicationName: `leadx-${service}`,
    }),
  );
  await dataSource.initialize();
  const redis = createRedis(config.REDIS_URL, { name: service, onError: (err) => logger.warn({ err }, 'redis connection error') });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: `leadx-${service}`, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const publisher = new EventPublisher(kafka, { topicPrefix: config.KAFKA_TOPIC_PREFIX, logger });
  await publisher.connect();
  // Outbox rows and the single-relay lock are per (topic prefix, service): environments that share
  // a database under different KAFKA_TOPIC_PREFIXes (tests, staging beside dev) must not publish
  // each other's rows to their own topics. Without a prefix this is the plain service name.
  const outboxService = `${config.KAFKA_TOPIC_PREFIX}${service}`;
  const relay = new OutboxRelay({ dataSource, service: outboxService, publisher, logger });
  const consumer = opts.consumerGroupId
    ? new EventConsumer({
        kafka,
        // The prefix separates environments sharing a broker: one group per environment, or
        // members subscribed to different topics would share (and starve) one group.
        groupId: `${config.KAFKA_TOPIC_PREFIX}${opts.consumerGroupId}`,
        dataSource,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        logger,
        ...opts.consumer,
      })
    : undefined;
  return { service, config, logger, dataSource, redis, kafka, publisher, outbox: new Outbox(outboxService), relay, consumer };
}

/**
 * Releases everything in the order that loses nothing: the consumer first (it finishes in-flight
 * handlers, which may write outbox rows, and commits offsets), then the relay flushes the outbox,
 * then the connections close.
 */
export async function closeInfrastructure(infra: ServiceInfrastructure, closeHttp: () => Promise<void>): Promise<void> {
  await infra.consumer?.stop();
  await closeHttp();
  await infra.relay.stop();
  await infra.publisher.disconnect();
  infra.redis.disconnect();
  if (infra.dataSource.isInitialized) await infra.dataSource.destroy();
}
