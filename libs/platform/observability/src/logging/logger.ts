import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { Logger } from 'pino';

export const REDACTED = '[redacted]';

/** pino redact paths: exact request header locations plus one-level wildcards for secret fields. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers["api-key"]',
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers["api-key"]',
  'headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  ...['password', 'Password', 'apiKey', 'apiToken', 'token', 'secret', 'client_secret', 'key_hash'].flatMap((k) => [k, `*.${k}`]),
];

/**
 * Keys censored at any depth of plain objects and arrays (compared lower-case, with '-' and '_'
 * removed): covers what the one-level wildcards of REDACT_PATHS cannot reach.
 */
const SECRET_KEYS = new Set(
  ['password', 'passwd', 'passwordhash', 'secrethash', 'apikey', 'apitoken', 'token', 'accesstoken', 'refreshtoken', 'secret', 'clientsecret', 'keyhash', 'authorization', 'cookie', 'setcookie', 'xapikey'],
);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copy-on-write deep redaction of plain objects and arrays. Class instances (requests, errors,
 * buffers) are left to pino's serializers and REDACT_PATHS.
 */
export function redactDeep<T>(value: T, depth = 0, seen: WeakSet<object> = new WeakSet()): T {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const next = redactDeep(item, depth + 1, seen);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = isSecretKey(key) && item !== undefined && item !== null ? REDACTED : redactDeep(item, depth + 1, seen);
    if (next !== item) (copy ??= { ...value })[key] = next;
  }
  return (copy ?? value) as T;
}

export interface CreateLoggerOptions {
  service: string;
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default info. */
  level?: string;
  /** Where lines go; default stdout. Tests pass a stream to capture them. */
  destination?: pino.DestinationStream;
}

/**
 * Structured JSON logger: every line carries `service`, an ISO `time` and, inside a traced
 * request, `trace_id`/`span_id`. Secrets are censored as "[redacted]" wherever they appear.
 */
export function createLogger(opts: CreateLoggerOptions): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: opts.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      serializers: { err: pino.stdSerializers.err, req: pino.stdSerializers.req, res: pino.stdSerializers.res },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object),
      },
      mixin: () => {
        const span = trace.getSpan(context.active());
        if (!span) return {};
        const ctx = span.spanContext();
        return isSpanContextValid(ctx) ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
      },
    },
    opts.destination,
  );
}
