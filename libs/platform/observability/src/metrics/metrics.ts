import { collectDefaultMetrics, Histogram, register } from 'prom-client';

export const HTTP_REQUEST_DURATION_METRIC = 'leadx_http_request_duration_seconds';

let defaultsCollected = false;

/** Registers prom-client's process and Node.js metrics on the default registry, once per process. */
export function ensureDefaultMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  // Another copy of this module (or the app itself) may have registered them already.
  if (register.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics();
}

let httpDuration: Histogram<'method' | 'route' | 'status'> | undefined;

/** The HTTP server request duration histogram on the default registry (created on first use). */
export function httpRequestDuration(): Histogram<'method' | 'route' | 'status'> {
  if (httpDuration) return httpDuration;
  const existing = register.getSingleMetric(HTTP_REQUEST_DURATION_METRIC);
  httpDuration =
    (existing as Histogram<'method' | 'route' | 'status'> | undefined) ??
    new Histogram({
      name: HTTP_REQUEST_DURATION_METRIC,
      help: 'HTTP server request duration in seconds, by method, matched route and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  return httpDuration;
}
