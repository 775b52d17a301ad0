import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { DeliveryInputError, DeliveryNotFoundError } from '@leadx/accounts-domain';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';

/** The delivery services' refusals as HTTP: input problems 400 (naming each field), unknown ids 404. */
export function deliveryHttpError(err: unknown): unknown {
  if (err instanceof DeliveryInputError) return new AccountApiValidationError(err.problems.map((p) => ({ Field: p.field, Message: p.message })));
  if (err instanceof DeliveryNotFoundError) return notFound(err.what, err.id);
  return err;
}

@Injectable()
export class DeliveryErrorInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((err: unknown) => throwError(() => deliveryHttpError(err))));
  }
}
