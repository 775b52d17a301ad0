import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';

/** Serial ids are Postgres int: the largest id that can exist. */
export const INT_MAX = 2_147_483_647;

/**
 * A serial id in the path (ClientUID, leadtypeuid): anything but digits → 400 naming it; beyond
 * int range it cannot exist → 404 (never the database's out-of-range error).
 */
export function parseUid(raw: unknown, name: string, what: string): number {
  if (typeof raw !== 'string' || !/^\d{1,19}$/.test(raw)) {
    throw new AccountApiValidationError([{ Field: name, Message: `${name} must be a non-negative integer` }]);
  }
  const id = Number(raw);
  if (id > INT_MAX) throw notFound(what, raw);
  return id;
}

// A custom decorator reads the raw path text: the global ValidationPipe would otherwise turn
// "1e3" or " 5" into numbers before any check.
const RawUid = createParamDecorator((data: { name: string; what: string }, ctx: ExecutionContext) =>
  parseUid(ctx.switchToHttp().getRequest<Request>().params[data.name], data.name, data.what),
);

/** The path parameter `name` as a serial id of `what` (for the 404 message). */
export function UidParam(name: string, what: string): ParameterDecorator {
  return RawUid({ name, what });
}

/** Documents a UidParam in OpenAPI (custom parameter decorators are not picked up). */
export function ApiUidParam(name: string, description: string): MethodDecorator {
  return ApiParam({ name, type: 'integer', description });
}
