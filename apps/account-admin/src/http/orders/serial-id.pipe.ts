import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';

/** Serial ids are Postgres int: the largest id that can exist. */
export const SERIAL_ID_MAX = 2_147_483_647;

/**
 * A serial id in the path (ClientUID, DistributionListUID …): not digits → 400 naming it; beyond
 * the int range it cannot exist → 404 (never the database's out-of-range error).
 */
@Injectable()
export class SerialIdPipe implements PipeTransform<unknown, number> {
  constructor(private readonly what: string) {}

  transform(value: unknown, metadata: ArgumentMetadata): number {
    const name = metadata.data ?? 'id';
    // The global ValidationPipe (transform) has already turned the segment into a number (NaN for "abc").
    const id = typeof value === 'string' && /^\d{1,19}$/.test(value) ? Number(value) : value;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new AccountApiValidationError([{ Field: name, Message: `${name} must be a non-negative integer` }]);
    }
    if (id > SERIAL_ID_MAX) throw notFound(this.what, String(value));
    return id;
  }
}
