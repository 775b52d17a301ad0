/** Bounds on what one lead's fields may cost. */
export const FIELD_LIMITS = {
  /** Longest value of a defined field; a longer one is an error rather than being cut. */
  maxValueLength: 4000,
  /** Unknown fields (sources send extras) kept per lead; later ones are dropped. */
  maxExtraFields: 100,
  maxExtraNameLength: 100,
  maxExtraValueLength: 4000,
  /** Names listed in a result's `ignored` (the count of the rest is not reported). */
  maxIgnoredListed: 20,
} as const;
