import { Counter, Gauge, register } from 'prom-client';

// Metrics live on prom-client's default registry (the one /metrics serves). Many publishers,
// relays and consumers may be created in one process (tests, several consumers per service), so
// each metric is created once and reused: a second `new Counter` with the same name would throw.

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter<L>({ name, help, labelNames });
}

function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return (register.getSingleMetric(name) as Gauge<L> | undefined) ?? new Gauge<L>({ name, help, labelNames });
}

export type ConsumeResult = 'processed' | 'duplicate' | 'dead_lettered';

export const messagingMetrics = {
  consumed: () =>
    counter('leadx_messages_consumed_total', 'Messages a consumer group finished with, by outcome.', ['topic', 'group', 'result'] as const),
  deadLettered: () =>
    counter('leadx_messages_dead_lettered_total', 'Messages parked on a dead-letter topic, by reason.', ['topic', 'group', 'reason'] as const),
  outboxPublished: () => counter('leadx_outbox_published_total', 'Outbox rows published to Kafka.', ['service'] as const),
  outboxPending: () =>
    gauge('leadx_outbox_pending', 'Unpublished outbox rows seen by the active relay at its last pass.', ['service'] as const),
};
