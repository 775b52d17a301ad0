import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConfigChangedV1, EventEnvelope } from '@leadx/contracts';
import { ensureTopics, EventPublisher, Outbox, OutboxRelay, physicalTopic } from '../src';
import {
  eventually, isAscending, readAll, sequencesByKey, testDataSource, testKafka, testLogger, topicCount, TOPIC, uniqueSuffix,
} from './support';

/** Two replicas of one service: only one relay publishes at a time; the other takes over on stop. */
describe('OutboxRelay: one active relay per service', () => {
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const physical = physicalTopic(TOPIC, prefix);
  const service = `relay-single-${suffix}`;
  const logger = testLogger();
  const outbox = new Outbox(service);
  let ds: DataSource;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka(suffix);
    [ds] = await Promise.all([testDataSource(), ensureTopics(kafka, [physical], { partitions: 2 })]);
  });
  afterAll(async () => {
    await ds.query('DELETE FROM outbox WHERE service = $1', [service]);
    await ds.destroy();
  });

  const unpublished = async (): Promise<number> =>
    Number(((await ds.query('SELECT count(*) AS n FROM outbox WHERE service = $1 AND published_at IS NULL', [service])) as Array<{ n: string }>)[0].n);

  async function commit(seq: number, key: string): Promise<string> {
    const e: EventEnvelope = await ds.transaction((m) =>
      outbox.add(m, TOPIC, key, ConfigChangedV1.of({ entity: 'campaign', entityId: `${key}:${seq}`, change: 'upserted' }), { correlationId: 'c', causationId: 'c' }),
    );
    return e.eventId;
  }

  it('publishes every row once, in key order, from exactly one relay, and fails over', async () => {
    const keys = ['a', 'b'];
    const publishers = [new EventPublisher(kafka, { topicPrefix: prefix, logger }), new EventPublisher(kafka, { topicPrefix: prefix, logger })];
    const relays = publishers.map(
      (publisher) => new OutboxRelay({ dataSource: ds, service, publisher, logger, batchSize: 5, pollIntervalMs: 50, lockRetryMs: 100 }),
    );
    const ids: string[] = [];
    try {
      await Promise.all(relays.map((r) => r.start()));
      expect(relays.filter((r) => r.isActive)).toHaveLength(1);

      // Rows committed while both relays run (small batches: many passes race for them).
      for (let seq = 0; seq < 30; seq++) ids.push(await commit(seq, keys[seq % 2]));
      await eventually(async () => ((await unpublished()) === 0 ? true : undefined), 20_000, 'the outbox to drain');
      expect(relays.filter((r) => r.isActive)).toHaveLength(1);

      // The active replica goes away; the standby takes the lock and continues.
      const active = relays.find((r) => r.isActive)!;
      const standby = relays.find((r) => r !== active)!;
      await active.stop();
      for (let seq = 30; seq < 40; seq++) ids.push(await commit(seq, keys[seq % 2]));
      await eventually(async () => ((await unpublished()) === 0 ? true : undefined), 20_000, 'the standby to take over');
      expect(standby.isActive).toBe(true);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
      await Promise.all(publishers.map((p) => p.disconnect()));
    }

    expect(await topicCount(kafka, physical)).toBe(40);
    const messages = await readAll(kafka, physical);
    const seen = messages.map((m) => (JSON.parse(m.value!.toString()) as EventEnvelope).eventId);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(40);
    for (const [key, seqs] of sequencesByKey(messages)) {
      expect(seqs).toHaveLength(20);
      expect({ key, ascending: isAscending(seqs) }).toEqual({ key, ascending: true });
    }
  });
});
