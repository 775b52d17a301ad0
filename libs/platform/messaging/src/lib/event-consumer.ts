import { context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { deadLetterTopicOf, EventEnvelope, PayloadValidationError, TopicName, TopicPayload, validatePayload } from '@leadx/contracts';
import { backoffDelay, BackoffOptions, sleep } from './backoff';
import { EnvelopeError, parseEnvelope } from './envelope';
import { describeError, isTransientError } from './errors';
import { physicalTopic } from './kafka';
import { defaultLogger } from './logger';
import { ConsumeResult, messagingMetrics } from './metrics';

export interface EventContext {
  envelope: EventEnvelope;
  /** The handler's transaction: write state and `outbox.add(ctx.manager, ...)` through it. */
  manager: EntityManager;
  topic: TopicName;
  partition: number;
  offset: string;
}

export type EventHandler<T extends TopicName> = (payload: TopicPayload<T>, ctx: EventContext) => Promise<void>;

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  dataSource: DataSource;
  topicPrefix?: string;
  logger?: Logger;
  /** Attempts for a handler failing with a non-transient error before it is dead-lettered; default 5. */
  maxAttempts?: number;
  /** Backoff between attempts; default 200 ms doubling to 30 s. */
  retry?: BackoffOptions;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  /** Default: twice the session timeout (kafkajs' 60 s with the default session timeout). */
  rebalanceTimeout?: number;
  partitionsConsumedConcurrently?: number;
  /** Where a group with no committed offset starts; default true (never miss events published before the first deploy). */
  fromBeginning?: boolean;
  /** Fetch long-poll; bounds how long stop() waits for an idle fetch. Default 1000 ms. */
  maxWaitTimeInMs?: number;
}

/** Why a message went to the dead-letter topic (`dlt-reason` header and metric label). */
export type DeadLetterReason = 'unparseable' | 'invalid-envelope' | 'invalid-payload' | 'handler-failed';

type AnyHandler = (payload: unknown, ctx: EventContext) => Promise<void>;

interface Delivery {
  physical: string;
  topic: TopicName;
  partition: number;
  message: KafkaMessage;
  heartbeat: () => Promise<void>;
}

const tracer = () => trace.getTracer('leadx-messaging');

/**
 * Consumes platform events with these guarantees (see README.md):
 *
 * - Exactly-once EFFECT on top of at-least-once delivery: each handler runs in one Postgres
 *   transaction that first inserts (group, eventId) into processed_events. A redelivery (relay
 *   republish, rebalance, crash before the offset commit) finds the row and skips the handler.
 *   Handlers emit follow-up events with `outbox.add(ctx.manager, ...)`, so state, dedupe record
 *   and outgoing events commit together.
 * - A bad message never blocks its partition: unparseable JSON, an invalid envelope or payload,
 *   and handlers that keep failing with non-transient errors are copied (original bytes) to
 *   `<topic>.dlt` with `dlt-*` headers, and the consumer moves on.
 * - Infrastructure trouble never dead-letters: transient errors (see isTransientError) are
 *   retried with capped exponential backoff for as long as it takes; the partition waits
 *   (heartbeating) instead of sending leads to the DLT because Postgres restarted. stop()
 *   interrupts the wait at once and the message stays uncommitted.
 * - Offsets are resolved only after a message is finished (processed, duplicate or
 *   dead-lettered) and committed after every batch and when stopping, so a restarted consumer
 *   continues from the first unfinished message: nothing skipped; anything redelivered is
 *   deduplicated.
 */
export class EventConsumer {
  private readonly handlers = new Map<TopicName, AnyHandler>();
  private readonly logger: Logger;
  private readonly maxAttempts: number;
  private readonly retry: BackoffOptions;
  private readonly heartbeatInterval: number;
  private consumer?: Consumer;
  private dltProducer?: Producer;
  private logicalOf = new Map<string, TopicName>();
  private stopSignal = new AbortController();
  private stopping = false;

  constructor(private readonly opts: EventConsumerOptions) {
    this.logger = (opts.logger ?? defaultLogger()).child({ component: 'event-consumer', group: opts.groupId });
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
    this.retry = { initialMs: 200, maxMs: 30_000, ...opts.retry };
    this.heartbeatInterval = opts.heartbeatInterval ?? 3_000;
  }

  /** Registers the handler of one topic (one per topic and group). Call before start(). */
  on<T extends TopicName>(topic: T, handler: EventHandler<T>): this {
    if (this.consumer) throw new Error(`EventConsumer(${this.opts.groupId}): register handlers before start()`);
    if (this.handlers.has(topic)) throw new Error(`EventConsumer(${this.opts.groupId}): a handler for ${topic} is already registered`);
    this.handlers.set(topic, handler as unknown as AnyHandler);
    return this;
  }

  /** Joins the group and starts consuming every topic a handler was registered for. */
  async start(): Promise<void> {
    if (this.consumer) return;
    if (this.handlers.size === 0) throw new Error(`EventConsumer(${this.opts.groupId}): no handlers registered`);
    const { kafka, groupId } = this.opts;
    this.stopping = false;
    this.stopSignal = new AbortController();
    this.logicalOf = new Map([...this.handlers.keys()].map((t) => [physicalTopic(t, this.opts.topicPrefix), t]));
    const sessionTimeout = this.opts.sessionTimeout ?? 30_000;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout,
      heartbeatInterval: this.heartbeatInterval,
      rebalanceTimeout: this.opts.rebalanceTimeout ?? sessionTimeout * 2,
      maxWaitTimeInMs: this.opts.maxWaitTimeInMs ?? 1_000,
      allowAutoTopicCreation: false,
      // After a crash kafkajs would otherwise stay stopped on non-retriable errors: a service that
      // silently stops consuming is worse than one that retries.
      retry: { restartOnFailure: async () => !this.stopping },
    });
    const dltProducer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error({ err: describeError(payload.error), restart: payload.restart }, 'kafka consumer crashed');
    });
    this.consumer = consumer;
    this.dltProducer = dltProducer;
    try {
      await dltProducer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.logicalOf.keys()], fromBeginning: this.opts.fromBeginning ?? true });
      await consumer.run({
        autoCommit: true,
        // We resolve offsets ourselves, one finished message at a time, so that stopping in the
        // middle of a batch never marks unprocessed messages as consumed.
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.logger.info({ topics: [...this.logicalOf.keys()] }, 'consumer started');
  }

  /**
   * Graceful: stops fetching, lets the handler in flight finish (a transient-retry wait is cut
   * short and that message stays uncommitted), commits the resolved offsets, leaves the group and
   * disconnects.
   */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    this.stopping = true;
    this.stopSignal.abort();
    try {
      // kafkajs: stop fetching, wait for the running eachBatch (which returns promptly now),
      // commit resolved offsets, leave the group, close connections.
      await consumer.disconnect();
    } finally {
      await this.dltProducer?.disconnect().catch(() => undefined);
      this.consumer = undefined;
      this.dltProducer = undefined;
      this.logger.info('consumer stopped');
    }
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const topic = this.logicalOf.get(batch.topic);
    if (!topic) return;
    for (const message of batch.messages) {
      if (this.stopping || !isRunning() || isStale()) break;
      const finished = await this.process({ physical: batch.topic, topic, partition: batch.partition, message, heartbeat });
      if (!finished) break; // stopping: leave this message (and the rest) uncommitted
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** True when the message is finished with (processed, duplicate or dead-lettered). */
  private async process(d: Delivery): Promise<boolean> {
    let envelope: EventEnvelope;
    let payload: unknown;
    try {
      const decoded = decode(d);
      envelope = decoded;
      payload = validatePayload(d.topic, decoded.payload);
    } catch (err) {
      const reason: DeadLetterReason =
        err instanceof PayloadValidationError ? 'invalid-payload' : err instanceof EnvelopeError ? 'invalid-envelope' : 'unparseable';
      return this.deadLetter(d, reason, err, 0);
    }

    const parent = propagation.extract(ROOT_CONTEXT, traceCarrier(envelope, d.message.headers));
    const span = tracer().startSpan(
      `${d.topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation': 'process',
          'messaging.destination.name': d.physical,
          'messaging.consumer.group.name': this.opts.groupId,
          'messaging.kafka.destination.partition': d.partition,
          'messaging.kafka.message.offset': Number(d.message.offset),
          'messaging.kafka.message.key': envelope.key,
          'messaging.message.id': envelope.eventId,
        },
      },
      parent,
    );
    try {
      // The handler (and the outbox.add calls in it) see this span as active, so the next hop's
      // envelope carries this trace.
      return await context.with(trace.setSpan(parent, span), () => this.handleWithRetries(d, envelope, payload, span));
    } finally {
      span.end();
    }
  }

  private async handleWithRetries(d: Delivery, envelope: EventEnvelope, payload: unknown, span: Span): Promise<boolean> {
    const handler = this.handlers.get(d.topic) as AnyHandler;
    let failures = 0;
    let transientFailures = 0;
    for (;;) {
      if (this.stopping) return false;
      try {
        const result = await this.runInTransaction(d, envelope, payload, handler);
        messagingMetrics.consumed().inc({ topic: d.topic, group: this.opts.groupId, result });
        if (result === 'duplicate') this.logger.debug({ eventId: envelope.eventId, topic: d.topic }, 'duplicate event skipped');
        return true;
      } catch (err) {
        span.recordException(err instanceof Error ? err : new Error(describeError(err)));
        let delay: number;
        const where = { topic: d.topic, partition: d.partition, offset: d.message.offset, eventId: envelope.eventId, err: describeError(err) };
        if (isTransientError(err)) {
          transientFailures += 1;
          delay = backoffDelay(transientFailures, this.retry);
          this.logger.warn({ ...where, transientFailures, retryInMs: delay }, 'handler failed with a transient error; retrying');
        } else {
          failures += 1;
          if (failures >= this.maxAttempts) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
            return this.deadLetter(d, 'handler-failed', err, failures);
          }
          delay = backoffDelay(failures, this.retry);
          this.logger.warn({ ...where, attempt: failures, maxAttempts: this.maxAttempts, retryInMs: delay }, 'handler failed; retrying');
        }
        if (!(await this.pause(delay, d.heartbeat))) return false;
      }
    }
  }

  private runInTransaction(d: Delivery, envelope: EventEnvelope, payload: unknown, handler: AnyHandler): Promise<ConsumeResult> {
    return this.opts.dataSource.transaction(async (manager) => {
      // Dedupe record first, in the handler's transaction: if the handler fails it is rolled back
      // with everything else; if a concurrent delivery holds the row, this waits for its outcome.
      const inserted = (await manager.query(
        `INSERT INTO processed_events (consumer_group, event_id, topic) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.opts.groupId, envelope.eventId, d.topic],
      )) as unknown[];
      if (inserted.length === 0) return 'duplicate';
      await handler(payload, { envelope, manager, topic: d.topic, partition: d.partition, offset: d.message.offset });
      return 'processed';
    });
  }

  /**
   * Copies the ORIGINAL bytes (key, value, headers) to the dead-letter topic with the failure in
   * `dlt-*` headers. Retried until Kafka accepts it (or stop()): the offset must not move past a
   * message that was neither processed nor parked. Dead-lettered events are not recorded in
   * processed_events, so replaying them from the DLT later is possible.
   */
  private async deadLetter(d: Delivery, reason: DeadLetterReason, err: unknown, attempts: number): Promise<boolean> {
    const producer = this.dltProducer as Producer;
    const target = deadLetterTopicOf(d.physical);
    const headers: IHeaders = {
      ...(d.message.headers ?? {}),
      'dlt-reason': reason,
      'dlt-error': describeError(err),
      'dlt-original-topic': d.physical,
      'dlt-original-partition': String(d.partition),
      'dlt-original-offset': d.message.offset,
      'dlt-consumer-group': this.opts.groupId,
      'dlt-attempts': String(attempts),
    };
    for (let failures = 0; ; ) {
      try {
        await producer.send({ topic: target, acks: -1, messages: [{ key: d.message.key, value: d.message.value, headers }] });
        break;
      } catch (sendErr) {
        failures += 1;
        const delay = backoffDelay(failures, this.retry);
        this.logger.error({ err: describeError(sendErr), topic: target, retryInMs: delay }, 'dead-letter publish failed; retrying');
        if (!(await this.pause(delay, d.heartbeat))) return false;
      }
    }
    messagingMetrics.deadLettered().inc({ topic: d.topic, group: this.opts.groupId, reason });
    messagingMetrics.consumed().inc({ topic: d.topic, group: this.opts.groupId, result: 'dead_lettered' });
    this.logger.warn(
      { topic: d.topic, partition: d.partition, offset: d.message.offset, reason, attempts, err: describeError(err) },
      'message dead-lettered',
    );
    return true;
  }

  /**
   * Waits `ms` while keeping the group membership alive (heartbeats at least every
   * heartbeatInterval). False when stop() was called. A heartbeat error (rebalance in progress)
   * propagates: kafkajs rejoins and the message is redelivered to the partition's new owner.
   */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.stopping) {
      const left = until - Date.now();
      if (left <= 0) return true;
      await sleep(Math.min(left, this.heartbeatInterval), this.stopSignal.signal);
      if (!this.stopping) await heartbeat();
    }
    return false;
  }
}

function decode(d: Delivery): EventEnvelope {
  if (!d.message.value) throw new SyntaxError('message has no value');
  const raw: unknown = JSON.parse(d.message.value.toString('utf8')); // SyntaxError → unparseable
  return parseEnvelope(raw, d.topic, d.physical);
}

function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** The envelope's trace context, falling back to the `traceparent`/`tracestate` headers. */
function traceCarrier(envelope: EventEnvelope, headers: IHeaders | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  const traceparent = envelope.traceContext?.traceparent ?? headerString(headers, 'traceparent');
  const tracestate = envelope.traceContext?.tracestate ?? headerString(headers, 'tracestate');
  if (traceparent) carrier['traceparent'] = traceparent;
  if (tracestate) carrier['tracestate'] = tracestate;
  return carrier;
}
