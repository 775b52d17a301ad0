/** Why a distribution-list request cannot be carried out; the HTTP layer maps the kind to a status. */
export type DistributionListRefusalKind = 'not_found' | 'invalid' | 'conflict';

/** Thrown by the distribution-list rules and service for missing or invalid data. */
export class DistributionListRefusal extends Error {
  constructor(
    readonly kind: DistributionListRefusalKind,
    message: string,
    /** The request field at fault (for 'invalid'). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DistributionListRefusal';
  }

  static notFound(what: string, id: string | number): DistributionListRefusal {
    return new DistributionListRefusal('not_found', `${what} ${id} not found`);
  }
}
