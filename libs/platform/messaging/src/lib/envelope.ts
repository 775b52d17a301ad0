import { randomUUID } from 'node:crypto';
import { context, Context, propagation } from '@opentelemetry/api';
import { EventEnvelope, schemaVersionOf } from '@leadx/contracts';

export interface BuildEnvelopeInput<P> {
  topic: string;
  key: string;
  payload: P;
  correlationId: string;
  causationId: string;
  /** Defaults: the active OpenTelemetry context, a random UUID, now. Tests pass fixed values. */
  traceContext?: EventEnvelope['traceContext'];
  eventId?: string;
  occurredAt?: Date;
}

/**
 * The W3C trace context of `ctx` (default: the active context), through the globally registered
 * propagator. Without an SDK registered the propagator is a no-op and this is `{}`.
 */
export function captureTraceContext(ctx: Context = context.active()): EventEnvelope['traceContext'] {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const captured: EventEnvelope['traceContext'] = {};
  if (carrier['traceparent']) captured.traceparent = carrier['traceparent'];
  if (carrier['tracestate']) captured.tracestate = carrier['tracestate'];
  return captured;
}

export function buildEnvelope<P>(input: BuildEnvelopeInput<P>): EventEnvelope<P> {
  return {
    eventId: input.eventId ?? randomUUID(),
    topic: input.topic,
    schemaVersion: schemaVersionOf(input.topic),
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    correlationId: input.correlationId,
    causationId: input.causationId,
    key: input.key,
    traceContext: input.traceContext ?? captureTraceContext(),
    payload: input.payload,
  };
}

/** Kafka headers every platform message carries, so tools can route and trace without parsing the value. */
export function envelopeHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    'event-id': envelope.eventId,
    'schema-version': String(envelope.schemaVersion),
    'correlation-id': envelope.correlationId,
    'causation-id': envelope.causationId,
    'content-type': 'application/json',
  };
  if (envelope.traceContext?.traceparent) headers['traceparent'] = envelope.traceContext.traceparent;
  if (envelope.traceContext?.tracestate) headers['tracestate'] = envelope.traceContext.tracestate;
  return headers;
}

export class EnvelopeError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid envelope: ${problems.join('; ')}`);
    this.name = 'EnvelopeError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks the envelope metadata of an untrusted message read from `topic` (logical name; the
 * prefixed physical name is accepted too). The payload is validated separately, per topic.
 * Throws EnvelopeError listing every problem.
 */
export function parseEnvelope(raw: unknown, topic: string, physical = topic): EventEnvelope {
  if (!isRecord(raw)) throw new EnvelopeError(['envelope must be a JSON object']);
  const problems: string[] = [];
  // processed_events.event_id is a uuid column: anything else could never be deduplicated.
  if (typeof raw['eventId'] !== 'string' || !UUID.test(raw['eventId'])) problems.push('eventId must be a UUID');
  if (raw['topic'] !== topic && raw['topic'] !== physical) problems.push(`topic must be ${topic}`);
  let expectedVersion: number | undefined;
  try {
    expectedVersion = schemaVersionOf(topic);
  } catch {
    expectedVersion = undefined;
  }
  if (!Number.isInteger(raw['schemaVersion']) || (expectedVersion !== undefined && raw['schemaVersion'] !== expectedVersion)) {
    problems.push(`schemaVersion must be ${expectedVersion ?? 'an integer'}`);
  }
  if (typeof raw['occurredAt'] !== 'string' || Number.isNaN(Date.parse(raw['occurredAt']))) problems.push('occurredAt must be an ISO date');
  for (const name of ['correlationId', 'causationId', 'key']) {
    if (typeof raw[name] !== 'string') problems.push(`${name} must be a string`);
  }
  const trace = raw['traceContext'];
  if (trace !== undefined && (!isRecord(trace) || Object.values(trace).some((v) => v !== undefined && typeof v !== 'string'))) {
    problems.push('traceContext must be an object of strings');
  }
  if (!('payload' in raw)) problems.push('payload is missing');
  if (problems.length) throw new EnvelopeError(problems);
  return { ...(raw as unknown as EventEnvelope), traceContext: (trace as EventEnvelope['traceContext'] | undefined) ?? {} };
}
