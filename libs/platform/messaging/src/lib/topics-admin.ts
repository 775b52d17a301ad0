import { Kafka } from 'kafkajs';
import { deadLetterTopicOf, TOPIC_NAMES } from '@leadx/contracts';
import { sleep } from './backoff';
import { physicalTopic } from './kafka';

export interface EnsureTopicsOptions {
  /** Default 6 (the broker's num.partitions). */
  partitions?: number;
  /** Default 1 (single-node dev/test broker); production passes 3. */
  replicationFactor?: number;
  /** How long to wait for every partition to have a leader; default 30 s. */
  timeoutMs?: number;
}

function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(deadLetterTopicOf(''));
}

/** Every topic of the platform (with the prefix) and its dead-letter twin. */
export function allPlatformTopics(prefix?: string): string[] {
  return TOPIC_NAMES.flatMap((t) => {
    const physical = physicalTopic(t, prefix);
    return [physical, deadLetterTopicOf(physical)];
  });
}

function isAlreadyExists(err: unknown): boolean {
  const e = err as { type?: unknown; errors?: unknown };
  if (e?.type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(e?.errors) && e.errors.length > 0 && e.errors.every((x) => (x as { type?: unknown })?.type === 'TOPIC_ALREADY_EXISTS');
}

/**
 * Creates the missing ones of `topics` and of their `.dlt` twins, then waits until every
 * partition has a leader (a producer sending right after creation would otherwise fail).
 * Idempotent and safe to run concurrently: "already exists" is success. The broker runs with
 * auto.create.topics.enable=false, so this (or scripts/provision-topics.ts) is the only way
 * topics come to exist.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], opts: EnsureTopicsOptions = {}): Promise<void> {
  const wanted = [...new Set(topics.flatMap((t) => (isDeadLetterTopic(t) ? [t] : [t, deadLetterTopicOf(t)])))];
  if (wanted.length === 0) return;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          topics: missing.map((topic) => ({
            topic,
            numPartitions: opts.partitions ?? 6,
            replicationFactor: opts.replicationFactor ?? 1,
          })),
          waitForLeaders: false,
          timeout: timeoutMs,
        });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
    }
    await waitForLeaders(admin, wanted, Date.now() + timeoutMs);
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: ReturnType<Kafka['admin']>, topics: string[], deadline: number): Promise<void> {
  for (;;) {
    let problem: string | undefined;
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const found = new Map(metadata.map((m) => [m.name, m]));
      for (const topic of topics) {
        const m = found.get(topic);
        if (!m || m.partitions.length === 0) problem = `${topic} has no metadata yet`;
        else if (m.partitions.some((p) => p.leader < 0 || p.partitionErrorCode !== 0)) problem = `${topic} has partitions without a leader`;
        if (problem) break;
      }
      // Metadata can name a leader before that broker serves the partition (KRaft propagates the
      // change asynchronously): a successful offsets request proves every partition is served.
      if (!problem) await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
    } catch (err) {
      // UNKNOWN_TOPIC_OR_PARTITION / LEADER_NOT_AVAILABLE / NOT_LEADER_OR_FOLLOWER right after creation
      problem = err instanceof Error ? err.message : String(err);
    }
    if (!problem) return;
    if (Date.now() > deadline) throw new Error(`topics not ready: ${problem}`);
    await sleep(100);
  }
}
