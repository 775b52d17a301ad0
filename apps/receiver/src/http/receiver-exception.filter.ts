import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { buildErrorResult, WireError } from '@leadx/intake-domain';
import { IdempotencyKeyReusedError } from '@leadx/intake-data-access';
import { isTransientError } from '@leadx/platform-messaging';
import { LOGGER } from '@leadx/platform-runtime';
import { ReceiverHttpError } from './receiver-http-error';
import { endpointKindOf, responseFormatOf, send } from './receiver-http';

/**
 * Every failure of the Lead Receiver API becomes the seed's result shape for that endpoint, in the
 * caller's format (JSON or XML): bad input never gets a stack trace, an HTML page or a bare 500.
 * Infrastructure trouble answers 503 so sources retry; no lead id is ever given without a commit.
 */
@Catch()
export class ReceiverExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const { status, error, kind: explicitKind } = this.describe(exception);
    const kind = explicitKind ?? endpointKindOf(req.method, req.path);
    if (!kind) {
      // Not a Lead Receiver route (health, metrics, unknown paths): Nest's usual JSON answer.
      if (exception instanceof HttpException) res.status(exception.getStatus()).json(exception.getResponse());
      else res.status(status).json({ statusCode: status, message: error.message });
      if (status >= 500 && !(exception instanceof HttpException)) this.logger.error({ err: exception, path: req.path }, 'request failed');
      return;
    }
    if (status >= 500) this.logger.error({ err: exception, path: req.path }, 'receiver request failed');
    send(res, status, buildErrorResult(kind, error, (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) ?? ''), responseFormatOf(req));
  }

  private describe(exception: unknown): { status: number; error: WireError; kind?: ReceiverHttpError['kind'] } {
    if (exception instanceof ReceiverHttpError) return { status: exception.status, error: exception.error, kind: exception.kind };
    if (exception instanceof IdempotencyKeyReusedError) {
      return { status: 422, error: { code: 'invalid_field', field: 'Idempotency-Key', message: exception.message } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, error: { code: status === 404 ? 'unsupported' : 'malformed', message: exception.message } };
    }
    if (isTransientError(exception)) {
      return { status: 503, error: { code: 'unsupported', message: 'the receiver is temporarily unavailable; retry the request' } };
    }
    return { status: 500, error: { code: 'unsupported', message: 'internal error; the request was not processed' } };
  }
}
