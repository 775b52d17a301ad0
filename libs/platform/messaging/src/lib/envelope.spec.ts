import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ConfigChangedV1, EventEnvelope } from '@leadx/contracts';
import { buildEnvelope, captureTraceContext, envelopeHeaders, EnvelopeError, parseEnvelope } from './envelope';
import { physicalTopic } from './kafka';
import { allPlatformTopics } from './topics-admin';

const TOPIC = 'accounts.config.changed.v1';
const payload = ConfigChangedV1.of({ entity: 'client', entityId: '42', change: 'upserted' });
const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };

describe('buildEnvelope', () => {
  it('fills id, time, schema version and metadata', () => {
    const e = buildEnvelope({ topic: TOPIC, key: '42', payload, correlationId: 'req-1', causationId: 'req-1', traceContext: {} });
    expect(e.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.schemaVersion).toBe(1);
    expect(Date.parse(e.occurredAt)).not.toBeNaN();
    expect(e).toMatchObject({ topic: TOPIC, key: '42', correlationId: 'req-1', causationId: 'req-1', payload });
    expect(buildEnvelope({ topic: TOPIC, key: '42', payload, correlationId: 'c', causationId: 'c' }).eventId).not.toBe(e.eventId);
  });

  it('refuses a topic without a version suffix', () => {
    expect(() => buildEnvelope({ topic: 'no.version', key: 'k', payload, correlationId: 'c', causationId: 'c' })).toThrow(/\.vN/);
  });

  describe('with a W3C propagator and context manager registered', () => {
    const manager = new AsyncLocalStorageContextManager();
    beforeAll(() => {
      context.setGlobalContextManager(manager.enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterAll(() => {
      propagation.disable();
      context.disable();
    });

    it('captures the ACTIVE trace context', () => {
      const active = trace.setSpanContext(ROOT_CONTEXT, spanContext);
      const e = context.with(active, () => buildEnvelope({ topic: TOPIC, key: '42', payload, correlationId: 'c', causationId: 'c' }));
      expect(e.traceContext.traceparent).toBe(`00-${spanContext.traceId}-${spanContext.spanId}-01`);
    });

    it('captures nothing outside a trace', () => {
      expect(captureTraceContext()).toEqual({});
    });
  });
});

describe('envelopeHeaders', () => {
  it('carries id, version and trace context', () => {
    const e = buildEnvelope({ topic: TOPIC, key: '42', payload, correlationId: 'c', causationId: 'd', traceContext: { traceparent: 'tp', tracestate: 'ts' } });
    expect(envelopeHeaders(e)).toMatchObject({ 'event-id': e.eventId, 'schema-version': '1', traceparent: 'tp', tracestate: 'ts', 'correlation-id': 'c', 'causation-id': 'd' });
    expect(envelopeHeaders({ ...e, traceContext: {} })).not.toHaveProperty('traceparent');
  });
});

describe('parseEnvelope', () => {
  const valid = (): Record<string, unknown> =>
    JSON.parse(JSON.stringify(buildEnvelope({ topic: TOPIC, key: '42', payload, correlationId: 'c', causationId: 'c', traceContext: {} }))) as Record<string, unknown>;

  it('accepts a well-formed envelope, also when it names the physical topic', () => {
    expect(parseEnvelope(valid(), TOPIC).key).toBe('42');
    expect(parseEnvelope({ ...valid(), topic: `x.${TOPIC}` }, TOPIC, `x.${TOPIC}`).key).toBe('42');
    const noTrace = valid();
    delete noTrace['traceContext'];
    expect(parseEnvelope(noTrace, TOPIC).traceContext).toEqual({});
  });

  it.each<[string, (e: Record<string, unknown>) => unknown]>([
    ['a non-object', () => [1, 2]],
    ['a non-UUID eventId', (e) => ({ ...e, eventId: 'abc' })],
    ['another topic', (e) => ({ ...e, topic: 'intake.lead.accepted.v1' })],
    ['a wrong schema version', (e) => ({ ...e, schemaVersion: 2 })],
    ['a bad date', (e) => ({ ...e, occurredAt: 'yesterday' })],
    ['a missing key', (e) => ({ ...e, key: undefined })],
    ['a missing payload', ({ payload: _p, ...rest }) => rest],
    ['a non-string traceparent', (e) => ({ ...e, traceContext: { traceparent: 1 } })],
  ])('rejects %s', (_what, mutate) => {
    expect(() => parseEnvelope(mutate(valid()), TOPIC)).toThrow(EnvelopeError);
  });

  it('lists every problem', () => {
    try {
      parseEnvelope({ payload: {} } as Partial<EventEnvelope>, TOPIC);
      throw new Error('expected EnvelopeError');
    } catch (err) {
      expect(err).toBeInstanceOf(EnvelopeError);
      expect((err as EnvelopeError).problems.length).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('topic names', () => {
  it('prefixes physical topics', () => {
    expect(physicalTopic(TOPIC)).toBe(TOPIC);
    expect(physicalTopic(TOPIC, 'staging.')).toBe(`staging.${TOPIC}`);
  });

  it('lists every platform topic with its DLT twin', () => {
    const all = allPlatformTopics('p.');
    expect(all).toContain(`p.${TOPIC}`);
    expect(all).toContain(`p.${TOPIC}.dlt`);
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(all.length);
  });
});
