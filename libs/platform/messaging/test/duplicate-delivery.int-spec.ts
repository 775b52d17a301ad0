import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ensureTopics, EventConsumer, EventPublisher, physicalTopic } from '../src';
import { configEnvelope, counterValue, eventually, FAST_CONSUMER, testDataSource, testKafka, testLogger, TOPIC, uniqueSuffix } from './support';

/** At-least-once delivery, exactly-once effect: a redelivered event does not run the handler again. */
describe('EventConsumer: duplicate delivery', () => {
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const physical = physicalTopic(TOPIC, prefix);
  const effects = `messaging_effects_${suffix}`;
  const groupId = `dup-${suffix}`;
  const logger = testLogger();
  let ds: DataSource;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka(suffix);
    [ds] = await Promise.all([testDataSource(), ensureTopics(kafka, [physical], { partitions: 1 })]);
    await ds.query(`CREATE TABLE ${effects} (id serial PRIMARY KEY, event_id uuid NOT NULL, entity_id text NOT NULL)`);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${effects}`);
    await ds.query('DELETE FROM processed_events WHERE consumer_group = $1', [groupId]);
    await ds.destroy();
  });

  it('applies the effect of an event delivered twice only once', async () => {
    const calls = new Map<string, number>();
    const consumer = new EventConsumer({ kafka, groupId, dataSource: ds, topicPrefix: prefix, logger, ...FAST_CONSUMER }).on(TOPIC, async (payload, ctx) => {
      calls.set(payload.entityId, (calls.get(payload.entityId) ?? 0) + 1);
      await ctx.manager.query(`INSERT INTO ${effects} (event_id, entity_id) VALUES ($1, $2)`, [ctx.envelope.eventId, payload.entityId]);
    });
    const publisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    const twice = configEnvelope('twice');
    const marker = configEnvelope('marker');
    try {
      await consumer.start();
      // The same envelope twice (e.g. the relay republished after a crash), then a marker: one
      // partition, so once the marker is processed both copies have been consumed.
      await publisher.publishEnvelopes(TOPIC, [twice]);
      await publisher.publishEnvelopes(TOPIC, [twice, marker]);
      await eventually(() => (calls.get('marker') ? true : undefined), 30_000, 'the marker to be processed');
    } finally {
      await consumer.stop();
      await publisher.disconnect();
    }

    expect(calls.get('twice')).toBe(1);
    const rows = (await ds.query(`SELECT event_id, entity_id FROM ${effects} ORDER BY id`)) as Array<{ event_id: string; entity_id: string }>;
    expect(rows).toEqual([
      { event_id: twice.eventId, entity_id: 'twice' },
      { event_id: marker.eventId, entity_id: 'marker' },
    ]);
    const processed = (await ds.query('SELECT event_id, topic FROM processed_events WHERE consumer_group = $1 ORDER BY processed_at', [groupId])) as Array<{
      event_id: string;
      topic: string;
    }>;
    expect(processed).toHaveLength(2);
    expect(processed.every((p) => p.topic === TOPIC)).toBe(true);
    expect(await counterValue('leadx_messages_consumed_total', { group: groupId, result: 'duplicate' })).toBe(1);
    expect(await counterValue('leadx_messages_consumed_total', { group: groupId, result: 'processed' })).toBe(2);
  });
});
