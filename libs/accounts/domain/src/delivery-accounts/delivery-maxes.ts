/**
 * Quantity maxes. The seed says -1 means "no maximum" on accounts and 0 means it on the maxes
 * endpoint; both are accepted everywhere (a max of zero leads is what Status OnHold is for) and
 * stored as NULL. Answers say -1, as the account payload documents.
 */
export const NO_MAX = -1;

/** undefined: not sent (keep); null: no maximum; otherwise the positive limit. */
export function maxFromSeed(value: number | undefined | null): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value <= 0) return null;
  return value;
}

export function maxToSeed(stored: number | null | undefined): number {
  return stored === null || stored === undefined ? NO_MAX : stored;
}
