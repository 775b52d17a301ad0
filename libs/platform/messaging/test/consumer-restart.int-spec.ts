import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ensureTopics, EventConsumer, EventPublisher, physicalTopic } from '../src';
import {
  committedTotal, configEnvelope, counterValue, eventually, FAST_CONSUMER, testDataSource, testKafka, testLogger, TOPIC, uniqueSuffix,
} from './support';

/** A consumer stopped mid-stream and a new one with the same group: nothing skipped, nothing twice. */
describe('EventConsumer: restart continues from the committed offset', () => {
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const physical = physicalTopic(TOPIC, prefix);
  const effects = `messaging_effects_${suffix}`;
  const groupId = `restart-${suffix}`;
  const logger = testLogger();
  let ds: DataSource;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka(suffix);
    [ds] = await Promise.all([testDataSource(), ensureTopics(kafka, [physical], { partitions: 2 })]);
    await ds.query(`CREATE TABLE ${effects} (id serial PRIMARY KEY, event_id uuid NOT NULL, entity_id text NOT NULL)`);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${effects}`);
    await ds.query('DELETE FROM processed_events WHERE consumer_group = $1', [groupId]);
    await ds.destroy();
  });

  function newConsumer(calls: string[]): EventConsumer {
    return new EventConsumer({ kafka, groupId, dataSource: ds, topicPrefix: prefix, logger, ...FAST_CONSUMER }).on(TOPIC, async (payload, ctx) => {
      // Slow enough that stop() lands in the middle of a batch.
      await new Promise((r) => setTimeout(r, 40));
      await ctx.manager.query(`INSERT INTO ${effects} (event_id, entity_id) VALUES ($1, $2)`, [ctx.envelope.eventId, payload.entityId]);
      calls.push(payload.entityId);
    });
  }

  it('stops mid-batch, commits exactly what was processed, and the next consumer picks up the rest', async () => {
    const publisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    const first = Array.from({ length: 16 }, (_, i) => configEnvelope(`first-${i}`, `lead-${i % 4}`));
    const second = Array.from({ length: 8 }, (_, i) => configEnvelope(`second-${i}`, `lead-${i % 4}`));
    const firstCalls: string[] = [];
    const secondCalls: string[] = [];
    try {
      await publisher.publishEnvelopes(TOPIC, first);
      const one = newConsumer(firstCalls);
      await one.start();
      await eventually(() => (firstCalls.length >= 4 ? true : undefined), 30_000, 'a few messages processed');
      await one.stop();
      const processedBeforeStop = firstCalls.length;
      expect(processedBeforeStop).toBeLessThan(first.length); // really stopped mid-stream
      // Offsets committed at stop = exactly the messages finished (per partition, in order).
      expect(await committedTotal(kafka, groupId, physical)).toBe(processedBeforeStop);

      await publisher.publishEnvelopes(TOPIC, second);
      const two = newConsumer(secondCalls);
      await two.start();
      try {
        await eventually(async () => (firstCalls.length + secondCalls.length >= 24 ? true : undefined), 30_000, 'all 24 events');
      } finally {
        await two.stop();
      }
    } finally {
      await publisher.disconnect();
    }

    // The second consumer handled exactly what the first had not: no gap, no overlap.
    expect([...firstCalls, ...secondCalls].sort()).toEqual([...first, ...second].map((e) => e.payload.entityId).sort());
    const rows = (await ds.query(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM ${effects}`)) as Array<{ n: number; d: number }>;
    expect(rows[0]).toEqual({ n: 24, d: 24 });
    // No redelivery at all: the restart did not go back before the committed offset.
    expect(await counterValue('leadx_messages_consumed_total', { group: groupId, result: 'duplicate' })).toBe(0);
    expect(await committedTotal(kafka, groupId, physical)).toBe(24);
  });
});
