import { NotFoundException } from '@nestjs/common';
import { LeadTypesError } from '@leadx/accounts-data-access';
import { AccountApiValidationError } from '../common/account-api.validation';

/** Runs a lead type service call, turning its refusals into 400 (naming the fields) or 404. */
export async function leadTypesCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof LeadTypesError) {
      if (err.kind === 'not_found') throw new NotFoundException(err.message);
      throw new AccountApiValidationError([...err.problems]);
    }
    throw err;
  }
}

/** A body's informational UID must agree with the path's when it is given (0 = not given). */
export function assertSameUid(field: string, bodyValue: number | undefined, pathValue: number): void {
  if (bodyValue && bodyValue !== pathValue) {
    throw new AccountApiValidationError([{ Field: field, Message: `${field} ${bodyValue} differs from the path's ${pathValue}` }]);
  }
}
