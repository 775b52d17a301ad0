import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  Field: string;
  Message: string;
}

/** Flattens class-validator's tree into `Info.Status`-style paths, one message each. */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    // Array items as `Rules[0].Operator`, the spelling the services' own write-time checks use.
    const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({
      Field: path,
      // class-validator names only the leaf property; say the full path.
      Message: m.startsWith(`${e.property} `) ? `${path}${m.slice(e.property.length)}` : m,
    }));
    return [...own, ...fieldErrorsOf(e.children ?? [], path)];
  });
}

/** Thrown for invalid bodies: the filter answers 400 with every field error. */
export class AccountApiValidationError extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((f) => f.Message).join('; '));
  }
}

/**
 * Whitelist + forbidNonWhitelisted: a property the DTO does not declare is refused with a 400 that
 * names it (no mass assignment of columns the API does not expose). Transform turns enum names and
 * numbers into their canonical form before validation.
 */
export function accountApiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AccountApiValidationError(fieldErrorsOf(errors)),
  });
}
