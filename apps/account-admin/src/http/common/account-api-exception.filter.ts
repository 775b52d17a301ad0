import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { isTransientError } from '@leadx/platform-messaging';
import { LOGGER } from '@leadx/platform-runtime';
import { AccountApiValidationError, FieldError } from './account-api.validation';

/** The Account API's error body (PascalCase like the seed's payloads). */
export interface AccountApiErrorBody {
  StatusCode: number;
  Error: string;
  Message: string;
  Errors?: FieldError[];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Every failure answers JSON `{StatusCode, Error, Message, Errors?}`: never a stack trace or an HTML
 * page. Unexpected errors are logged (request bodies are not: they may hold passwords) and answer a
 * bare 500; database or broker outages answer 503 so callers retry.
 */
@Catch()
export class AccountApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const body = this.describe(exception);
    if (body.StatusCode >= 500) this.logger.error({ err: exception, method: req.method, path: req.path }, 'account api request failed');
    res.status(body.StatusCode).json(body);
  }

  private describe(exception: unknown): AccountApiErrorBody {
    if (exception instanceof AccountApiValidationError) {
      return { StatusCode: 400, Error: REASONS[400], Message: exception.message, Errors: exception.fieldErrors };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message).join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return { StatusCode: status, Error: REASONS[status] ?? 'Error', Message: message };
    }
    const bodyParserError = exception as { type?: string; status?: number; message?: string };
    if (bodyParserError?.type === 'entity.parse.failed') return { StatusCode: 400, Error: REASONS[400], Message: 'malformed JSON body' };
    if (bodyParserError?.type === 'entity.too.large') return { StatusCode: 413, Error: REASONS[413], Message: 'request body too large' };
    if (isTransientError(exception)) {
      return { StatusCode: 503, Error: REASONS[503], Message: 'the Account API is temporarily unavailable; retry the request' };
    }
    return { StatusCode: 500, Error: REASONS[500], Message: 'internal error' };
  }
}
