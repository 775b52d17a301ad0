/**
 * Why an operator's expression or pattern was refused, or why evaluating it stopped. Returned (not
 * thrown) by the compile functions; thrown only when a compiled expression or pattern exceeds a
 * runtime budget, which the callers turn into a field error.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    message: string,
    /** 0-based offset in the source where the problem was found, when known. */
    readonly position?: number,
  ) {
    super(message);
  }
}

export function isExpressionError(value: unknown): value is ExpressionError {
  return value instanceof ExpressionError;
}
