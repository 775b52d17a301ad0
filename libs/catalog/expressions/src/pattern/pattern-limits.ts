/** Bounds on operator-written regular expressions (Validation, InvalidChars). */
export const PATTERN_LIMITS = {
  maxSourceLength: 500,
  maxGroupDepth: 32,
  /** Largest number allowed in a {n,m} quantifier. */
  maxRepeat: 1000,
  /** Instructions after counted repetitions are expanded; bounds the per-character cost. */
  maxProgramSize: 5000,
  /** Work units (thread visits) one test or replaceAll call may spend before it gives up. */
  defaultStepBudget: 1_000_000,
} as const;
