/**
 * Shared helpers of this library's integration tests (real Kafka and Postgres, never mocked).
 */
import { Kafka } from 'kafkajs';
import pino, { Logger } from 'pino';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { ConfigChangedV1, EventEnvelope } from '@leadx/contracts';
import { dataSourceOptions } from '@leadx/platform-database';
// The shared test environment is a type:testing lib; platform libs may not depend on it in
// production code, and the boundary rule does not yet exempt test files (see README "Tests").
import { eventually, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { buildEnvelope, createKafka } from '../src';

export { eventually, testEnv, uniqueSuffix };

export const TOPIC = 'accounts.config.changed.v1' as const;

/** Short timeouts: tests run on a small shared machine and must not wait for 30 s sessions. */
export const FAST_CONSUMER = { sessionTimeout: 6_000, heartbeatInterval: 500, rebalanceTimeout: 3_000, maxWaitTimeInMs: 250 };

export function testLogger(): Logger {
  return pino({ level: process.env['LOG_LEVEL'] ?? 'error' });
}

export function testKafka(name: string): Kafka {
  return createKafka({ brokers: testEnv.kafkaBrokers, clientId: `messaging-test-${name}`, logger: testLogger() });
}

export function testDataSource(): Promise<DataSource> {
  return new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4, applicationName: 'leadx-messaging-test' })).initialize();
}

/** A valid envelope for TOPIC whose payload entityId is `entityId`. */
export function configEnvelope(entityId: string, key = entityId): EventEnvelope<ConfigChangedV1> {
  return buildEnvelope({
    topic: TOPIC,
    key,
    payload: ConfigChangedV1.of({ entity: 'client', entityId, change: 'upserted' }),
    correlationId: `corr-${entityId}`,
    causationId: `cause-${entityId}`,
  });
}

/** Messages on `topic` (sum of high - low watermarks): exact, no consumer needed. */
export async function topicCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The group's committed offsets on `topic`, summed over partitions (no commit counts as 0). */
export async function committedTotal(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [found] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (found?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Every message on `topic` now, read by a throwaway consumer group; sorted by partition, offset. */
export async function readAll(kafka: Kafka, topic: string): Promise<ReadMessage[]> {
  const expected = await topicCount(kafka, topic);
  if (expected === 0) return [];
  const got: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId: `reader-${uniqueSuffix()}`, ...FAST_CONSUMER });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        got.push({ partition, offset: Number(message.offset), key: message.key?.toString() ?? null, value: message.value, headers });
      },
    });
    await eventually(() => (got.length >= expected ? true : undefined), 30_000, `${expected} messages on ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return got.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** Value of a labelled counter of the default registry (0 when never incremented). */
export async function counterValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = register.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => (v.labels as Record<string, unknown>)[k] === want))
    .reduce((n, v) => n + v.value, 0);
}

/** For each key, the sequence numbers in the order they were read; asserts the order per key. */
export function sequencesByKey(messages: ReadMessage[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const m of messages) {
    const envelope = JSON.parse(m.value!.toString()) as EventEnvelope<ConfigChangedV1>;
    const seq = Number(envelope.payload.entityId.split(':')[1]);
    byKey.set(envelope.key, [...(byKey.get(envelope.key) ?? []), seq]);
  }
  return byKey;
}

export function isAscending(values: number[]): boolean {
  return values.every((v, i) => i === 0 || values[i - 1] < v);
}
