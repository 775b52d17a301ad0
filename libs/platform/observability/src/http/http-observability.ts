import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger as NestLogger, NestMiddleware, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { httpRequestDuration } from '../metrics/metrics';

/** What the middleware reads from Express' request; plain node requests work too. */
export type ObservedRequest = IncomingMessage & {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
  /** Set by the middleware: the request id, also echoed as the x-request-id response header. */
  id?: string;
};

export interface RequestLogLine {
  request_id: string;
  method: string;
  path: string;
  route: string;
  status: number;
  duration_ms: number;
  aborted?: true;
}

export interface HttpObservabilityOptions {
  /** Where request lines go. Default: Nest's Logger (the app's PinoNestLogger in services). */
  logger?: Logger;
  /** Paths logged at debug instead of info: probes and scrapes. */
  quietPaths?: readonly string[];
}

export const DEFAULT_QUIET_PATHS: readonly string[] = ['/health/live', '/health/ready', '/metrics'];
const OBSERVED = Symbol('leadx.http.observed');
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

type Level = 'debug' | 'info' | 'warn' | 'error';
type Sink = (level: Level, line: RequestLogLine, msg: string) => void;

function sinkFor(logger: Logger | undefined): Sink {
  if (logger) return (level, line, msg) => logger[level](line, msg);
  const nest = new NestLogger('HTTP');
  return (level, line, msg) => {
    const payload = { ...line, msg };
    if (level === 'info') nest.log(payload);
    else nest[level](payload);
  };
}

/**
 * The route pattern Express matched ("/leads/:id"), or "unmatched": never the raw path. `own` is
 * the route this middleware itself was mounted as (Nest mounts middleware as a catch-all route),
 * which means no handler matched.
 */
export function routeLabel(req: ObservedRequest, own?: unknown): string {
  const route = req.route;
  const pattern = route?.path;
  if (!route || route === own || typeof pattern !== 'string') return 'unmatched';
  return `${req.baseUrl ?? ''}${pattern}` || '/';
}

/**
 * Express/connect middleware: assigns a request id (a sane incoming x-request-id, else a UUID),
 * echoes it as a response header, and when the response ends logs one line (method, path without
 * query string, route, status, duration, request id: never headers or bodies) and records
 * leadx_http_request_duration_seconds{method,route,status}. Applying it twice observes once.
 */
export function httpObservabilityMiddleware(
  opts: HttpObservabilityOptions = {},
): (req: ObservedRequest, res: ServerResponse, next: (err?: unknown) => void) => void {
  const sink = sinkFor(opts.logger);
  const quiet = new Set(opts.quietPaths ?? DEFAULT_QUIET_PATHS);
  const histogram = httpRequestDuration();
  return (req, res, next) => {
    const marked = req as ObservedRequest & { [OBSERVED]?: true };
    if (marked[OBSERVED]) return next();
    marked[OBSERVED] = true;
    const started = process.hrtime.bigint();
    const ownRoute = req.route;
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    const method = METHODS.has(req.method ?? '') ? (req.method as string) : 'OTHER';
    const path = (req.originalUrl ?? req.url ?? '/').split('?')[0].slice(0, 512);
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = aborted && !res.headersSent ? 499 : res.statusCode;
      const route = routeLabel(req, ownRoute);
      histogram.observe({ method, route, status: String(status) }, seconds);
      const line: RequestLogLine = { request_id: id, method, path, route, status, duration_ms: Math.round(seconds * 1e4) / 10 };
      if (aborted) line.aborted = true;
      const level: Level = status >= 500 ? 'error' : quiet.has(path) ? 'debug' : 'info';
      sink(level, line, `${method} ${path} ${status}${aborted ? ' (aborted)' : ''}`);
    };
    res.once('finish', () => finish(false));
    res.once('close', () => finish(!res.writableFinished));
    next();
  };
}

/** Injection token for the pino logger HttpObservabilityMiddleware writes to (optional). */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/** httpObservabilityMiddleware as a Nest middleware (HealthModule applies it to every route). */
@Injectable()
export class HttpObservabilityMiddleware implements NestMiddleware<ObservedRequest, ServerResponse> {
  private readonly handle: ReturnType<typeof httpObservabilityMiddleware>;

  constructor(@Optional() @Inject(HTTP_LOGGER) logger?: Logger) {
    this.handle = httpObservabilityMiddleware({ logger });
  }

  use(req: ObservedRequest, res: ServerResponse, next: (err?: unknown) => void): void {
    this.handle(req, res, next);
  }
}
