import { Kafka, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { deadLetterTopicOf } from '@leadx/contracts';
import { ensureTopics, EventConsumer, physicalTopic } from '../src';
import {
  committedTotal, configEnvelope, counterValue, eventually, FAST_CONSUMER, readAll, testDataSource, testKafka, testLogger, TOPIC, uniqueSuffix,
} from './support';

/** Poison messages go to the DLT with the failure in headers; the partition keeps flowing. */
describe('EventConsumer: dead-letter topic', () => {
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const physical = physicalTopic(TOPIC, prefix);
  const dlt = deadLetterTopicOf(physical);
  const groupId = `dlt-${suffix}`;
  const logger = testLogger();
  let ds: DataSource;
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    kafka = testKafka(suffix);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    [ds] = await Promise.all([testDataSource(), ensureTopics(kafka, [physical], { partitions: 1 }), producer.connect()]);
  });
  afterAll(async () => {
    await producer.disconnect();
    await ds.query('DELETE FROM processed_events WHERE consumer_group = $1', [groupId]);
    await ds.destroy();
  });

  it('parks unparseable, invalid and failing messages and processes the next one on the partition', async () => {
    const badPayload = { ...configEnvelope('bad-payload'), payload: { entity: 'spaceship', entityId: 7, change: 'exploded' } };
    const { eventId: _omitted, ...noEventId } = configEnvelope('no-event-id');
    const poison = configEnvelope('poison');
    const good = configEnvelope('good');
    const values = ['{"this is": not json', JSON.stringify(noEventId), JSON.stringify(badPayload), JSON.stringify(poison), JSON.stringify(good)];
    await producer.send({
      topic: physical,
      messages: values.map((value, i) => ({ key: `k${i}`, value, headers: { 'x-origin': `test-${i}` } })),
    });

    const calls = new Map<string, number>();
    const consumer = new EventConsumer({
      kafka, groupId, dataSource: ds, topicPrefix: prefix, logger, maxAttempts: 2, retry: { initialMs: 20, maxMs: 50 }, ...FAST_CONSUMER,
    }).on(TOPIC, async (payload) => {
      calls.set(payload.entityId, (calls.get(payload.entityId) ?? 0) + 1);
      if (payload.entityId === 'poison') throw new TypeError('handler bug: always fails');
    });
    try {
      await consumer.start();
      await eventually(() => (calls.get('good') ? true : undefined), 30_000, 'the message after the poison ones');
    } finally {
      await consumer.stop();
    }

    expect(calls.get('poison')).toBe(2); // maxAttempts
    expect(calls.get('good')).toBe(1);
    expect(calls.has('bad-payload')).toBe(false);
    expect(await committedTotal(kafka, groupId, physical)).toBe(5); // past everything: nothing blocks

    const parked = await readAll(kafka, dlt);
    expect(parked.map((m) => m.headers['dlt-reason'])).toEqual(['unparseable', 'invalid-envelope', 'invalid-payload', 'handler-failed']);
    expect(parked.map((m) => m.headers['dlt-original-offset'])).toEqual(['0', '1', '2', '3']);
    expect(parked.map((m) => m.headers['dlt-attempts'])).toEqual(['0', '0', '0', '2']);
    parked.forEach((m, i) => {
      expect(m.value!.toString()).toBe(values[i]); // the original bytes
      expect(m.key).toBe(`k${i}`);
      expect(m.headers).toMatchObject({
        'dlt-original-topic': physical,
        'dlt-original-partition': '0',
        'dlt-consumer-group': groupId,
        'x-origin': `test-${i}`,
      });
      expect(m.headers['dlt-error']).toBeTruthy();
    });
    expect(parked[1].headers['dlt-error']).toMatch(/eventId/);
    expect(parked[2].headers['dlt-error']).toMatch(/entity/);
    expect(parked[3].headers['dlt-error']).toMatch(/handler bug: always fails/);
    expect(await counterValue('leadx_messages_dead_lettered_total', { group: groupId })).toBe(4);
    expect(await counterValue('leadx_messages_dead_lettered_total', { group: groupId, reason: 'handler-failed' })).toBe(1);
  });
});
