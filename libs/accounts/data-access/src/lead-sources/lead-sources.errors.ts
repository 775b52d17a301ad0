import type { CampaignFieldProblem } from '@leadx/accounts-domain';

/**
 * What the lead source and campaign services refuse, for the HTTP layer to map: invalid → 400
 * naming the fields, not_found → 404, conflict → 409. Kept free of Nest so the services stay plain.
 */
export class LeadSourcesError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'conflict',
    message: string,
    readonly problems: readonly CampaignFieldProblem[] = [],
  ) {
    super(message);
    this.name = 'LeadSourcesError';
  }

  static invalid(problems: CampaignFieldProblem[]): LeadSourcesError {
    return new LeadSourcesError('invalid', problems.map((p) => p.message).join('; '), problems);
  }

  static notFound(what: string, id: string | number): LeadSourcesError {
    return new LeadSourcesError('not_found', `${what} ${id} not found`);
  }

  static conflict(field: string, message: string): LeadSourcesError {
    return new LeadSourcesError('conflict', message, [{ field, message }]);
  }
}

/** Postgres unique_violation on the named index or constraint. */
export function isUniqueViolationOn(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return (e?.code ?? e?.driverError?.code) === '23505' && (e?.constraint ?? e?.driverError?.constraint) === constraint;
}
