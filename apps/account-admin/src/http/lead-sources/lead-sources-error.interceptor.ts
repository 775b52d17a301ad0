import { CallHandler, ConflictException, Injectable, NestInterceptor, NotFoundException } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { LeadSourcesError } from '@leadx/accounts-data-access';
import { AccountApiValidationError } from '../common/account-api.validation';

/** Maps the lead source and campaign services' refusals: invalid 400 (naming fields), not_found 404, conflict 409. */
export function leadSourcesHttpError(err: unknown): unknown {
  if (!(err instanceof LeadSourcesError)) return err;
  switch (err.kind) {
    case 'invalid':
      return new AccountApiValidationError(err.problems.map((p) => ({ Field: p.field, Message: p.message })));
    case 'not_found':
      return new NotFoundException(err.message);
    case 'conflict':
      return new ConflictException(err.message);
  }
}

@Injectable()
export class LeadSourcesErrorInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((err: unknown) => throwError(() => leadSourcesHttpError(err))));
  }
}
