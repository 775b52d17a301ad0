import { Kafka } from 'kafkajs';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';
import { ConfigChangedV1, PayloadValidationError } from '@leadx/contracts';
import { ensureTopics, Outbox, OUTBOX_CHANNEL } from '../src';
import { eventually, testDataSource, testEnv, testKafka, TOPIC, topicCount, uniqueSuffix } from './support';

/** Outbox.add writes in the caller's transaction (and nothing on rollback); ensureTopics is idempotent. */
describe('Outbox.add and ensureTopics', () => {
  const suffix = uniqueSuffix();
  const service = `outbox-${suffix}`;
  let ds: DataSource;
  let kafka: Kafka;
  let listener: Client;
  const notifications: string[] = [];

  beforeAll(async () => {
    kafka = testKafka(suffix);
    ds = await testDataSource();
    listener = new Client({ connectionString: testEnv.databaseUrl });
    await listener.connect();
    listener.on('notification', (n: Notification) => {
      if (n.channel === OUTBOX_CHANNEL && n.payload === service) notifications.push(n.payload);
    });
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
  });
  afterAll(async () => {
    await listener.end();
    await ds.query('DELETE FROM outbox WHERE service = $1', [service]);
    await ds.destroy();
  });

  const rows = async () =>
    (await ds.query('SELECT topic, message_key, envelope, published_at FROM outbox WHERE service = $1 ORDER BY id', [service])) as Array<{
      topic: string;
      message_key: string;
      envelope: { eventId: string; schemaVersion: number; payload: unknown };
      published_at: Date | null;
    }>;

  it('commits the row and the NOTIFY with the transaction, and neither on rollback', async () => {
    const outbox = new Outbox(service);
    const payload = ConfigChangedV1.of({ entity: 'client', entityId: '1', change: 'deleted' });
    await expect(
      ds.transaction(async (m) => {
        await outbox.add(m, TOPIC, 'k1', payload, { correlationId: 'c', causationId: 'c' });
        throw new Error('business rule failed after the event was recorded');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await rows()).toEqual([]);

    const envelope = await ds.transaction((m) => outbox.add(m, TOPIC, 'k1', payload, { correlationId: 'c', causationId: 'd' }));
    const [row] = await rows();
    expect(row).toMatchObject({ topic: TOPIC, message_key: 'k1', published_at: null });
    expect(row.envelope).toMatchObject({ eventId: envelope.eventId, schemaVersion: 1, payload: { entity: 'client', entityId: '1', change: 'deleted' } });
    await eventually(() => (notifications.length > 0 ? true : undefined), 5_000, 'the NOTIFY at commit');
    expect(notifications).toHaveLength(1); // the rolled-back transaction notified nobody
  });

  it('refuses an invalid payload before writing anything', async () => {
    const outbox = new Outbox(service);
    const before = (await rows()).length;
    const invalid = Object.assign(new ConfigChangedV1(), { entity: 'spaceship', entityId: '1', change: 'upserted' }) as ConfigChangedV1;
    await expect(ds.transaction((m) => outbox.add(m, TOPIC, 'k', invalid, { correlationId: 'c', causationId: 'c' }))).rejects.toBeInstanceOf(
      PayloadValidationError,
    );
    expect(await rows()).toHaveLength(before);
  });

  it('ensureTopics creates the topic and its .dlt twin, and is idempotent', async () => {
    const topic = `t${suffix}.${TOPIC}`;
    await ensureTopics(kafka, [topic], { partitions: 2 });
    await ensureTopics(kafka, [topic, `${topic}.dlt`], { partitions: 2 }); // all exist: no error
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlt`] });
      expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
        [topic, 2],
        [`${topic}.dlt`, 2],
      ]);
    } finally {
      await admin.disconnect();
    }
    expect(await topicCount(kafka, topic)).toBe(0);
  });
});
