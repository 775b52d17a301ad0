import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { deadLetterTopicOf } from '@leadx/contracts';
import { ensureTopics, EventConsumer, EventPublisher, physicalTopic } from '../src';
import {
  committedTotal, configEnvelope, counterValue, eventually, FAST_CONSUMER, testDataSource, testKafka, testLogger, topicCount, TOPIC, uniqueSuffix,
} from './support';

function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
}

/** Infrastructure errors are retried (not dead-lettered), and stop() interrupts the retrying. */
describe('EventConsumer: transient errors', () => {
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const physical = physicalTopic(TOPIC, prefix);
  const downPrefix = `t${suffix}down.`;
  const downPhysical = physicalTopic(TOPIC, downPrefix);
  const effects = `messaging_effects_${suffix}`;
  const logger = testLogger();
  const groups: string[] = [];
  let ds: DataSource;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka(suffix);
    [ds] = await Promise.all([testDataSource(), ensureTopics(kafka, [physical, downPhysical], { partitions: 1 })]);
    await ds.query(`CREATE TABLE ${effects} (id serial PRIMARY KEY, event_id uuid NOT NULL, entity_id text NOT NULL)`);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${effects}`);
    await ds.query('DELETE FROM processed_events WHERE consumer_group = ANY($1)', [groups]);
    await ds.destroy();
  });

  it('retries a handler failing with ECONNREFUSED and processes it once, even with maxAttempts = 1', async () => {
    const groupId = `transient-${suffix}`;
    groups.push(groupId);
    const calls = new Map<string, number>();
    const consumer = new EventConsumer({
      kafka, groupId, dataSource: ds, topicPrefix: prefix, logger, maxAttempts: 1, retry: { initialMs: 20, maxMs: 100 }, ...FAST_CONSUMER,
    }).on(TOPIC, async (payload, ctx) => {
      const n = (calls.get(payload.entityId) ?? 0) + 1;
      calls.set(payload.entityId, n);
      if (payload.entityId === 'flaky' && n <= 2) throw connectionRefused();
      await ctx.manager.query(`INSERT INTO ${effects} (event_id, entity_id) VALUES ($1, $2)`, [ctx.envelope.eventId, payload.entityId]);
    });
    const publisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    try {
      await consumer.start();
      await publisher.publishEnvelopes(TOPIC, [configEnvelope('flaky'), configEnvelope('after')]);
      await eventually(() => (calls.get('after') ? true : undefined), 30_000, 'the next message');
    } finally {
      await consumer.stop();
      await publisher.disconnect();
    }
    expect(calls.get('flaky')).toBe(3);
    const rows = (await ds.query(`SELECT entity_id FROM ${effects} ORDER BY id`)) as Array<{ entity_id: string }>;
    expect(rows.map((r) => r.entity_id)).toEqual(['flaky', 'after']);
    expect(await topicCount(kafka, deadLetterTopicOf(physical))).toBe(0);
    expect(await counterValue('leadx_messages_dead_lettered_total', { group: groupId })).toBe(0);
  });

  it('keeps retrying while the dependency is down; stop() interrupts promptly without committing or dead-lettering', async () => {
    const groupId = `down-${suffix}`;
    groups.push(groupId);
    let calls = 0;
    const consumer = new EventConsumer({
      kafka, groupId, dataSource: ds, topicPrefix: downPrefix, logger, maxAttempts: 1, retry: { initialMs: 50, maxMs: 5_000 }, ...FAST_CONSUMER,
    }).on(TOPIC, async () => {
      calls += 1;
      throw connectionRefused();
    });
    const publisher = new EventPublisher(kafka, { topicPrefix: downPrefix, logger });
    let stopMs: number;
    try {
      await consumer.start();
      await publisher.publishEnvelopes(TOPIC, [configEnvelope('down')]);
      // maxAttempts = 1 would dead-letter a non-transient failure at once; this keeps going.
      await eventually(() => (calls >= 4 ? true : undefined), 30_000, 'several transient retries');
    } finally {
      const started = Date.now();
      await consumer.stop();
      stopMs = Date.now() - started;
      await publisher.disconnect();
    }
    expect(stopMs).toBeLessThan(4_000); // the backoff (up to 5 s) was cut short
    const callsAtStop = calls;
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(callsAtStop); // really stopped
    expect(await topicCount(kafka, deadLetterTopicOf(downPhysical))).toBe(0);
    expect(await committedTotal(kafka, groupId, downPhysical)).toBe(0); // the message will be redelivered
  });
});
