import { LeadFieldProblem } from '@leadx/accounts-domain';

/**
 * What the lead type services refuse, for the HTTP layer to map: invalid → 400 naming the fields,
 * not_found → 404. Kept free of Nest so the services stay plain.
 */
export class LeadTypesError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found',
    message: string,
    readonly problems: readonly LeadFieldProblem[] = [],
  ) {
    super(message);
    this.name = 'LeadTypesError';
  }

  static invalid(problems: LeadFieldProblem[]): LeadTypesError {
    return new LeadTypesError('invalid', problems.map((p) => p.Message).join('; '), problems);
  }

  static notFound(what: string, id: string | number): LeadTypesError {
    return new LeadTypesError('not_found', `${what} ${id} not found`);
  }
}

/** Postgres unique_violation (a rename that collides with a row written concurrently). */
export function isLeadTypesUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return (e?.code ?? e?.driverError?.code) === '23505';
}
