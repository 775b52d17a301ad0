/** One thing wrong with a delivery request body, with the path of the field (e.g. `Criteria[2].Operator`). */
export interface DeliveryInputProblem {
  field: string;
  message: string;
}

/** The body cannot be saved as sent; the Account API answers 400 with every problem. */
export class DeliveryInputError extends Error {
  constructor(readonly problems: DeliveryInputProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'DeliveryInputError';
  }

  static of(field: string, message: string): DeliveryInputError {
    return new DeliveryInputError([{ field, message }]);
  }
}

/** A client, account or method the request names does not exist (or belongs to another client). */
export class DeliveryNotFoundError extends Error {
  constructor(
    readonly what: string,
    readonly id: number | string,
  ) {
    super(`${what} ${id} not found`);
    this.name = 'DeliveryNotFoundError';
  }
}

/** A checked value, or every problem found. */
export type DeliveryChecked<T> = { ok: true; value: T } | { ok: false; problems: DeliveryInputProblem[] };

export function checked<T>(value: T, problems: DeliveryInputProblem[]): DeliveryChecked<T> {
  return problems.length ? { ok: false, problems } : { ok: true, value };
}
