import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConfigChangedV1, EventEnvelope } from '@leadx/contracts';
import { ensureTopics, EventConsumer, EventPublisher, Outbox, physicalTopic } from '../src';
import { eventually, FAST_CONSUMER, testDataSource, testKafka, testLogger, TOPIC, uniqueSuffix } from './support';

/** One trace across a hop: outbox.add captures it, the consumer continues it in a CONSUMER span. */
describe('EventConsumer: trace context', () => {
  const suffix = uniqueSuffix();
  const prefix = `t${suffix}.`;
  const physical = physicalTopic(TOPIC, prefix);
  const service = `trace-${suffix}`;
  const groupId = `trace-${suffix}`;
  const logger = testLogger();
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let ds: DataSource;
  let kafka: Kafka;

  beforeAll(async () => {
    provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
    kafka = testKafka(suffix);
    [ds] = await Promise.all([testDataSource(), ensureTopics(kafka, [physical], { partitions: 1 })]);
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
    await ds.query('DELETE FROM outbox WHERE service = $1', [service]);
    await ds.query('DELETE FROM processed_events WHERE consumer_group = $1', [groupId]);
    await ds.destroy();
  });

  it('continues the producer trace in the handler and into the events it emits', async () => {
    const outbox = new Outbox(service);
    const tracer = trace.getTracer('test');
    const payload = (entityId: string) => ConfigChangedV1.of({ entity: 'client', entityId, change: 'upserted' });
    const meta = { correlationId: 'c', causationId: 'c' };

    // Producer side: an event recorded inside an active span.
    const { envelope, producerSpan } = await tracer.startActiveSpan('http request', async (span) => {
      const e = await ds.transaction((m) => outbox.add(m, TOPIC, 'k', payload('first'), meta));
      span.end();
      return { envelope: e, producerSpan: span.spanContext() };
    });
    expect(envelope.traceContext.traceparent).toBe(`00-${producerSpan.traceId}-${producerSpan.spanId}-01`);

    let followUp: EventEnvelope | undefined;
    let activeInHandler: string | undefined;
    const consumer = new EventConsumer({ kafka, groupId, dataSource: ds, topicPrefix: prefix, logger, ...FAST_CONSUMER }).on(TOPIC, async (p, ctx) => {
      if (p.entityId !== 'first') return;
      activeInHandler = trace.getActiveSpan()?.spanContext().traceId;
      followUp = await outbox.add(ctx.manager, TOPIC, 'k', payload('second'), { correlationId: ctx.envelope.correlationId, causationId: ctx.envelope.eventId });
    });
    const publisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    try {
      await consumer.start();
      await publisher.publishEnvelopes(TOPIC, [envelope]);
      await eventually(() => followUp, 30_000, 'the handler to run');
    } finally {
      await consumer.stop();
      await publisher.disconnect();
    }

    expect(activeInHandler).toBe(producerSpan.traceId);
    const consumerSpan = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.CONSUMER);
    expect(consumerSpan).toBeDefined();
    expect(consumerSpan!.name).toBe(`${TOPIC} process`);
    expect(consumerSpan!.spanContext().traceId).toBe(producerSpan.traceId);
    expect(consumerSpan!.parentSpanContext?.spanId).toBe(producerSpan.spanId);
    expect(consumerSpan!.attributes['messaging.message.id']).toBe(envelope.eventId);
    // The next hop's envelope points at the consumer span.
    expect(followUp!.traceContext.traceparent).toBe(`00-${producerSpan.traceId}-${consumerSpan!.spanContext().spanId}-01`);
  });
});
