/** A field of the request and what is wrong with it (`Info.Username`, `FieldData.0.Value`). */
export interface ClientsFieldProblem {
  field: string;
  message: string;
}

/**
 * What the clients services refuse, for the HTTP layer to map: invalid → 400 naming the fields,
 * not_found → 404, conflict → 409, throttled → 429. Kept free of Nest so the services stay plain.
 */
export class ClientsError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'conflict' | 'throttled',
    message: string,
    readonly problems: readonly ClientsFieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ClientsError';
  }

  static invalid(problems: ClientsFieldProblem[]): ClientsError {
    return new ClientsError('invalid', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
  }

  static notFound(what: string, id: string | number): ClientsError {
    return new ClientsError('not_found', `${what} ${id} not found`);
  }
}
