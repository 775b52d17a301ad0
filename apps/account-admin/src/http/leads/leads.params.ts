import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';

/**
 * A numeric id in the path (LeadUID bigserial, LeadTypeUID serial): not digits → 400 naming it;
 * beyond what the column (or a JS number) holds it cannot exist → 404.
 */
@Injectable()
export class LeadsIdPipe implements PipeTransform<unknown, number> {
  constructor(
    private readonly what: string,
    private readonly max: number = Number.MAX_SAFE_INTEGER,
  ) {}

  transform(value: unknown, metadata: ArgumentMetadata): number {
    const name = metadata.data ?? 'id';
    // The global ValidationPipe (transform) may already have turned the segment into a number.
    const ok = typeof value === 'number' ? Number.isInteger(value) && value >= 0 : typeof value === 'string' && /^\d{1,30}$/.test(value);
    if (!ok) throw new AccountApiValidationError([{ Field: name, Message: `${name} must be a positive integer` }]);
    const id = Number(value);
    if (id < 1 || id > this.max) throw notFound(this.what, String(value));
    return id;
  }
}

export const leadUid = () => new LeadsIdPipe('lead');
export const leadTypeUid = () => new LeadsIdPipe('lead type', 2_147_483_647);
export const visitUid = () => new LeadsIdPipe('visit');
