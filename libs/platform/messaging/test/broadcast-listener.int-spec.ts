import { Kafka } from 'kafkajs';
import { ConfigChangedV1 } from '@leadx/contracts';
import { BroadcastListener, ensureTopics, EventPublisher, physicalTopic } from '../src';
import { configEnvelope, eventually, testKafka, testLogger, TOPIC, uniqueSuffix } from './support';

/** Cache invalidation: every replica hears every change, unlike a consumer group where one replica would. */
describe('BroadcastListener', () => {
  const suffix = uniqueSuffix();
  const prefix = `b${suffix}.`;
  const logger = testLogger();
  let kafka: Kafka;
  let publisher: EventPublisher;
  const heard: Array<ConfigChangedV1[]> = [[], []];
  const listeners = heard.map(
    (log) => () => new BroadcastListener({ kafka, topic: TOPIC, topicPrefix: prefix, service: 'replica', logger, onEvent: (p) => log.push(p) }),
  );
  let running: Array<BroadcastListener<typeof TOPIC>> = [];

  beforeAll(async () => {
    kafka = testKafka(suffix);
    await ensureTopics(kafka, [physicalTopic(TOPIC, prefix)], { partitions: 2 });
    publisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    running = listeners.map((make) => make());
    await Promise.all(running.map((l) => l.start()));
  });
  afterAll(async () => {
    await Promise.all(running.map((l) => l.stop()));
    await publisher.disconnect();
  });

  it('delivers each event to every listener, and skips invalid ones without stopping', async () => {
    // A new group starts at the latest offset once it has joined: probe until both have joined.
    await eventually(
      async () => {
        await publisher.publishEnvelopes(TOPIC, [configEnvelope(`probe-${Date.now()}`)]);
        return heard.every((log) => log.length > 0) ? true : undefined;
      },
      30_000,
      'both listeners to hear a probe',
    );
    const bad = { ...configEnvelope('bad'), payload: { entity: 'nonsense', entityId: 'x', change: 'upserted' } };
    await publisher.publishEnvelopes(TOPIC, [bad as never, configEnvelope('real-change', 'k1'), configEnvelope('second', 'k2')]);
    await eventually(() => (heard.every((log) => log.some((p) => p.entityId === 'second') && log.some((p) => p.entityId === 'real-change')) ? true : undefined), 15_000, 'every listener to hear both changes');
    for (const log of heard) expect(log.some((p) => p.entityId === 'x')).toBe(false);
  });
});
