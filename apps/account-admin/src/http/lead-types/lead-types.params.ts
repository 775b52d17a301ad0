import { ApiParam } from '@nestjs/swagger';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';

// Path ids are parsed here rather than by a param pipe: the global ValidationPipe (transform)
// runs first and would turn '1e3' into 1000 and '-1' into -1 for a `number` parameter.

const INT_MAX = 2_147_483_647;
const BIGINT_MAX = 9_223_372_036_854_775_807n;

function digits(name: string, raw: string): string {
  if (typeof raw !== 'string' || !/^\d{1,30}$/.test(raw)) {
    throw new AccountApiValidationError([{ Field: name, Message: `${name} must be a non-negative integer` }]);
  }
  return raw;
}

/** A serial id in the path (XxxUID). One beyond int range cannot exist: 404, not a database error. */
export function serialUid(name: string, raw: string, what: string): number {
  const text = digits(name, raw);
  const id = Number(text);
  if (id > INT_MAX) throw notFound(what, text);
  return id;
}

/** A bigserial id in the path (LeadUID), as decimal text. */
export function bigSerialUid(name: string, raw: string, what: string): string {
  const value = BigInt(digits(name, raw));
  if (value > BIGINT_MAX) throw notFound(what, raw);
  return value.toString();
}

/** OpenAPI: the path id is an integer (the handler takes the raw text to parse it itself). */
export function UidParam(name: string, description: string): MethodDecorator {
  return ApiParam({ name, description, schema: { type: 'integer', minimum: 0 } });
}
