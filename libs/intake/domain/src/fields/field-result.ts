/** One problem with one field; the message starts with the field's name, e.g. `Email: not a valid email address`. */
export interface FieldError {
  field: string;
  message: string;
}

export interface FieldValidationResult {
  /** Normalised values of the defined fields, computed values, then the unknown fields kept verbatim. */
  fields: Record<string, string>;
  /** Every problem found, in definition order; empty when the lead is valid. */
  errors: FieldError[];
  /** Unknown fields that were dropped (over the caps, or names such as __proto__). */
  ignored: string[];
}

/** Evaluates an operator expression over the lead's normalised values. */
export type ExpressionEvaluator = (expr: string, vars: Record<string, string>) => string | number | boolean | null;

export interface FieldValidationOptions {
  /** Replaces the built-in safe expression engine for computed fields. */
  evaluate?: ExpressionEvaluator;
  /** Clock for the built-in engine's now(), today() and age(). */
  now?: () => Date;
}

/** The seed's Data_Errors responseMessage: every field error, joined. */
export function describeFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => e.message).join('; ');
}
