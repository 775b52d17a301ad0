import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConfigChangedV1, EventEnvelope } from '@leadx/contracts';
import { ensureTopics, EventPublisher, Outbox, OutboxRelay, physicalTopic } from '../src';
import {
  eventually, isAscending, readAll, sequencesByKey, testDataSource, testKafka, testLogger, topicCount, TOPIC, uniqueSuffix,
} from './support';

/** A relay killed between the outbox commit and the publish loses nothing and duplicates nothing. */
describe('OutboxRelay: crash between commit and publish', () => {
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const physical = physicalTopic(TOPIC, prefix);
  const service = `relay-crash-${suffix}`;
  const logger = testLogger();
  const outbox = new Outbox(service);
  let ds: DataSource;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka(suffix);
    [ds] = await Promise.all([testDataSource(), ensureTopics(kafka, [physical], { partitions: 3 })]);
  });
  afterAll(async () => {
    await ds.query('DELETE FROM outbox WHERE service = $1', [service]);
    await ds.destroy();
  });

  const unpublished = async (): Promise<number> =>
    Number(((await ds.query('SELECT count(*) AS n FROM outbox WHERE service = $1 AND published_at IS NULL', [service])) as Array<{ n: string }>)[0].n);

  /** Commits `count` events round-robin over `keys`, two per transaction; entityId = key:seq. */
  async function commitEvents(from: number, count: number, keys: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = from; i < from + count; i += 2) {
      const envelopes = await ds.transaction(async (m) => {
        const out: EventEnvelope[] = [];
        for (const seq of [i, i + 1].filter((s) => s < from + count)) {
          const key = keys[seq % keys.length];
          out.push(await outbox.add(m, TOPIC, key, ConfigChangedV1.of({ entity: 'client', entityId: `${key}:${seq}`, change: 'upserted' }), { correlationId: 'c', causationId: 'c' }));
        }
        return out;
      });
      ids.push(...envelopes.map((e) => e.eventId));
    }
    return ids;
  }

  it('leaves rows unpublished when killed before publish; the next relay publishes each exactly once, in key order', async () => {
    const keys = ['lead-1', 'lead-2', 'lead-3'];
    const eventIds = await commitEvents(0, 40, keys);

    // 1. The relay reads the batch, then "dies" before publishing (the hook throws every time).
    let crashes = 0;
    const batchSizes: number[] = [];
    const crashedPublisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    const crashed = new OutboxRelay({
      dataSource: ds, service, publisher: crashedPublisher, logger, pollIntervalMs: 50, retry: { initialMs: 20, maxMs: 50 },
      beforePublish: async (rows) => {
        batchSizes.push(rows);
        crashes += 1;
        throw new Error('simulated kill between DB commit and publish');
      },
    });
    await crashed.start();
    await eventually(() => (crashes >= 2 ? true : undefined), 10_000, 'the crashing relay to try twice');
    await crashed.stop();
    await crashedPublisher.disconnect();
    expect(batchSizes.every((n) => n === 40)).toBe(true);
    expect(await topicCount(kafka, physical)).toBe(0);
    expect(await unpublished()).toBe(40);

    // 2. A fresh relay (a restarted process). A long poll interval: after the start pass only
    // NOTIFY can wake it, which the last step checks.
    const publisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    const relay = new OutboxRelay({ dataSource: ds, service, publisher, logger, batchSize: 16, pollIntervalMs: 60_000 });
    try {
      await relay.start();
      await eventually(async () => ((await unpublished()) === 0 ? true : undefined), 20_000, 'the outbox to drain');
      expect(await topicCount(kafka, physical)).toBe(40);

      // 3. NOTIFY at commit wakes the relay at once despite the 60 s poll.
      const [late] = await commitEvents(40, 1, ['lead-1']);
      eventIds.push(late);
      await eventually(async () => ((await unpublished()) === 0 ? true : undefined), 10_000, 'the NOTIFY-triggered publish');
    } finally {
      await relay.stop();
      await publisher.disconnect();
    }

    const messages = await readAll(kafka, physical);
    const seen = messages.map((m) => (JSON.parse(m.value!.toString()) as EventEnvelope).eventId);
    expect(seen).toHaveLength(41);
    expect(new Set(seen)).toEqual(new Set(eventIds));
    for (const m of messages) {
      const envelope = JSON.parse(m.value!.toString()) as EventEnvelope;
      expect(m.key).toBe(envelope.key);
      expect(m.headers['event-id']).toBe(envelope.eventId);
      expect(m.headers['schema-version']).toBe('1');
    }
    const sequences = sequencesByKey(messages);
    expect([...sequences.keys()].sort()).toEqual(keys);
    for (const [key, seqs] of sequences) expect({ key, ascending: isAscending(seqs) }).toEqual({ key, ascending: true });
  });
});
