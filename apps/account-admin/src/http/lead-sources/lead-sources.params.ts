import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';

/** Serial ids are Postgres int: the largest id that can exist. */
export const SERIAL_MAX = 2_147_483_647;

/**
 * A serial id in the path (vendorUID, campaignUID, ApiKeyUID): not digits → 400 naming it; 0 or
 * beyond int range cannot exist → 404 (never the database's out-of-range error).
 */
@Injectable()
export class LeadSourcesUidPipe implements PipeTransform<unknown, number> {
  constructor(private readonly what: string) {}

  transform(value: unknown, metadata: ArgumentMetadata): number {
    const name = metadata.data ?? 'id';
    // The global ValidationPipe (transform) may already have turned the text into a number (NaN for "abc").
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !/^\d{1,19}$/.test(text)) {
      throw new AccountApiValidationError([{ Field: name, Message: `${name} must be a positive integer` }]);
    }
    const id = Number(text);
    if (id < 1 || id > SERIAL_MAX) throw notFound(this.what, text);
    return id;
  }
}
