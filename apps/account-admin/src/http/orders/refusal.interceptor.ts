import { CallHandler, ConflictException, ExecutionContext, Injectable, NestInterceptor, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { DistributionListRefusal, OrderRefusal } from '@leadx/accounts-domain';
import { AccountApiValidationError } from '../common/account-api.validation';

/** Maps the orders / distribution-list refusals to HTTP: invalid 400 naming the field, 404, 409, 503. */
export function httpErrorOfRefusal(err: unknown): unknown {
  if (!(err instanceof OrderRefusal) && !(err instanceof DistributionListRefusal)) return err;
  switch (err.kind) {
    case 'invalid':
      return new AccountApiValidationError([{ Field: err.field ?? '', Message: err.message }]);
    case 'not_found':
      return new NotFoundException(err.message);
    case 'conflict':
      return new ConflictException(err.message);
    case 'unavailable':
      return new ServiceUnavailableException(err.message);
  }
}

@Injectable()
export class RefusalInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((err: unknown) => throwError(() => httpErrorOfRefusal(err))));
  }
}
