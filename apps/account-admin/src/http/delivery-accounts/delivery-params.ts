import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';
import { INT4_MAX } from './dto/dto-properties';

/**
 * A serial id in the path: anything but digits → 400 naming it; beyond int range it cannot exist →
 * 404 (never the database's out-of-range error).
 */
export function parsePathUid(raw: unknown, name: string, what: string): number {
  if (typeof raw !== 'string' || !/^\d{1,19}$/.test(raw)) {
    throw new AccountApiValidationError([{ Field: name, Message: `${name} must be a non-negative integer` }]);
  }
  const id = Number(raw);
  if (id > INT4_MAX) throw notFound(what, raw);
  return id;
}

// Reads the raw path text: the global ValidationPipe would otherwise coerce "1e3" or " 5".
const RawUid = createParamDecorator((data: { name: string; what: string }, ctx: ExecutionContext) =>
  parsePathUid(ctx.switchToHttp().getRequest<Request>().params[data.name], data.name, data.what),
);

/** The path parameter `name` as the serial id of `what`, documented in OpenAPI by the method's ApiParam. */
export function PathUid(name: string, what: string): ParameterDecorator {
  return RawUid({ name, what });
}

export function ApiPathUid(name: string, description: string): MethodDecorator {
  return ApiParam({ name, type: 'integer', description });
}
