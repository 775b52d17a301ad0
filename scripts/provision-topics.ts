/** Creates every platform topic and its dead-letter twin (idempotent). `npm run provision:topics`. */
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';

async function main(): Promise<void> {
  const prefix = process.env['KAFKA_TOPIC_PREFIX'] ?? '';
  const kafka = createKafka({ brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), clientId: 'leadx-provision' });
  const topics = allPlatformTopics(prefix);
  await ensureTopics(kafka, topics, {
    partitions: Number(process.env['KAFKA_PARTITIONS'] ?? 6),
    replicationFactor: Number(process.env['KAFKA_REPLICATION_FACTOR'] ?? 1),
  });
  process.stdout.write(`topics ready: ${topics.length}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`topic provisioning failed: ${String(err)}\n`);
  process.exit(1);
});
