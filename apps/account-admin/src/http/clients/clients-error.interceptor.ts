import { CallHandler, ConflictException, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, NotFoundException } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { ClientsError } from '@leadx/accounts-data-access';
import { AccountApiValidationError } from '../common/account-api.validation';

/** Maps the clients services' refusals to HTTP: invalid 400 (naming fields), not_found 404, conflict 409, throttled 429. */
export function httpErrorOf(err: unknown): unknown {
  if (!(err instanceof ClientsError)) return err;
  switch (err.kind) {
    case 'invalid':
      return new AccountApiValidationError(err.problems.map((p) => ({ Field: p.field, Message: `${p.field} ${p.message}` })));
    case 'not_found':
      return new NotFoundException(err.message);
    case 'conflict':
      return new ConflictException(err.message);
    case 'throttled':
      return new HttpException(err.message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

@Injectable()
export class ClientsErrorInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((err: unknown) => throwError(() => httpErrorOf(err))));
  }
}
