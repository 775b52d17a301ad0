import pino, { Logger } from 'pino';

let fallback: Logger | undefined;

/**
 * Logger used when the caller passes none (scripts, ad-hoc tools). Services always pass their own
 * (`@leadx/platform-observability` createLogger) so lines carry the service name and trace ids.
 */
export function defaultLogger(): Logger {
  fallback ??= pino({ level: process.env['LOG_LEVEL'] ?? 'info', base: { component: 'leadx-messaging' } });
  return fallback;
}
