import { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const looksLikeStack = (s: string): boolean => /\n\s+at /.test(s);

/**
 * Nest's LoggerService over a pino logger, so Nest's own messages (bootstrap, routes, exceptions)
 * come out as the same JSON lines: `NestFactory.create(M, { logger: new PinoNestLogger(logger) })`.
 * Nest passes the context (class name) as the last string argument; it becomes a `context` field.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    const last = rest[rest.length - 1];
    if (typeof last === 'string' && !looksLikeStack(last)) {
      fields['context'] = last;
      rest.pop();
    }
    const extra: unknown[] = [];
    for (const param of rest) {
      if (typeof param === 'string' && looksLikeStack(param)) fields['stack'] = param;
      else if (param instanceof Error) fields['err'] = param;
      else if (param !== undefined) extra.push(param);
    }
    if (extra.length) fields['extra'] = extra;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
