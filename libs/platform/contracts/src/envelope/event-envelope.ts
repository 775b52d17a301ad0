/**
 * What travels on every Kafka message of the platform: the payload plus the metadata needed to
 * trace, deduplicate and order it. Serialised as the JSON message value; the message key is the
 * envelope's `key` (the lead id for lead events, so one lead's events stay in order).
 */
export interface EventEnvelope<P = unknown> {
  /** Unique per event; consumers deduplicate on it. */
  eventId: string;
  topic: string;
  /** Version of the payload schema; equals the topic's `.vN` suffix. */
  schemaVersion: number;
  occurredAt: string;
  /** Id of the business transaction (e.g. the receiver request) this event belongs to. */
  correlationId: string;
  /** Event id (or request id) that directly caused this event. */
  causationId: string;
  key: string;
  /** W3C trace context, so a lead's trace spans every hop. Also sent as Kafka headers. */
  traceContext: { traceparent?: string; tracestate?: string };
  payload: P;
}
