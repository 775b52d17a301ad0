/**
 * Throw (or wrap a cause in) this from a handler to force the transient path: retried with backoff
 * for as long as it takes, never dead-lettered.
 */
export class TransientError extends Error {
  readonly transient = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** Node/undici socket errors: the other side is down, restarting or unreachable. */
const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH',
  'ENETDOWN', 'EAI_AGAIN', 'ENOTFOUND', 'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

/** Postgres SQLSTATEs that say "try again", not "this can never work". */
const TRANSIENT_SQLSTATE = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / recovering)
  '58000', // system_error
  '58030', // io_error
]);
/** Whole SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many connections, out of memory). */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53'];

/** pg / pg-pool / TypeORM errors that carry no code but mean the connection, not the query, failed. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (?:timed out|timeout)/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /socket hang up/i,
];

/** kafkajs errors that are about broker availability rather than the message itself. */
const TRANSIENT_KAFKA_NAMES = new Set([
  'KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError', 'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound', 'KafkaJSLockTimeout', 'KafkaJSNoBrokerAvailableError', 'KafkaJSMetadataNotLoaded',
]);

const SQLSTATE = /^[0-9A-Z]{5}$/;

function field(err: object, name: string): unknown {
  return (err as Record<string, unknown>)[name];
}

function isTransientOne(err: object): boolean {
  if (field(err, 'transient') === true) return true;
  const name = field(err, 'name');
  if (typeof name === 'string') {
    if (TRANSIENT_KAFKA_NAMES.has(name)) return true;
    // AbortSignal.timeout() and similar
    if (name === 'TimeoutError') return true;
    // kafkajs marks protocol errors it would retry itself
    if (name.startsWith('KafkaJS') && field(err, 'retriable') === true) return true;
  }
  const code = field(err, 'code');
  if (typeof code === 'string') {
    if (TRANSIENT_ERRNO.has(code)) return true;
    if (SQLSTATE.test(code) && (TRANSIENT_SQLSTATE.has(code) || TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2)))) return true;
  }
  const message = field(err, 'message');
  return typeof message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(message));
}

/**
 * True when the failure is about infrastructure (a dependency down, a lost connection, a lock or
 * serialization conflict, a timeout) rather than the event itself. Such failures are retried
 * indefinitely: sending a lead to the dead-letter topic because Postgres restarted would lose it
 * in practice. Looks through `cause`, TypeORM's `driverError`, kafkajs' `originalError` and
 * AggregateError members.
 */
export function isTransientError(err: unknown): boolean {
  const seen = new Set<object>();
  const queue: unknown[] = [err];
  while (queue.length && seen.size < 16) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (isTransientOne(current)) return true;
    for (const key of ['cause', 'driverError', 'originalError', 'error']) queue.push(field(current, key));
    const errors = field(current, 'errors');
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}

/** A one-line description for logs and the `dlt-error` header. */
export function describeError(err: unknown, maxLength = 1_000): string {
  let text: string;
  if (err instanceof Error) text = `${err.name}: ${err.message}`;
  else if (typeof err === 'string') text = err;
  else {
    try {
      text = JSON.stringify(err) ?? String(err);
    } catch {
      text = String(err);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
