/**
 * The thirteen check operators of seed 003 (campaign Rules' `criteria_operator` and delivery
 * accounts' `Criteria.Operator`). The seed lists them by name only and never numbers them, so
 * there is no numeric form to accept.
 */
export const CRITERION_OPERATORS = [
  'Equal',
  'NotEqual',
  'Greater',
  'Less',
  'GreaterOrEqual',
  'LessOrEqual',
  'Between',
  'In',
  'NotIn',
  'DateCompare',
  'Distance_Compare',
  'Contains',
  'Doesnt_Contain',
] as const;
export type CriterionOperator = (typeof CRITERION_OPERATORS)[number];

/** Seed 003's `criteria_type` on delivery-account criteria. Campaign Rules have no type: FieldValue. */
export const CRITERION_TYPES = ['FieldValue', 'Expression', 'Function'] as const;
export type CriterionType = (typeof CRITERION_TYPES)[number];

/**
 * The operators that pass when the lead has no value for the field: each says "the lead must not
 * have X", which an absent value satisfies. Every other operator needs a value to check.
 */
export const NEGATIVE_OPERATORS: ReadonlySet<CriterionOperator> = new Set(['NotEqual', 'NotIn', 'Doesnt_Contain']);

const BY_LOWER_NAME = new Map<string, CriterionOperator>(CRITERION_OPERATORS.map((o) => [o.toLowerCase(), o]));
const TYPE_BY_LOWER_NAME = new Map<string, CriterionType>(CRITERION_TYPES.map((t) => [t.toLowerCase(), t]));

/** The operator a stored or posted name stands for (case-insensitive), or undefined. */
export function parseCriterionOperator(raw: unknown): CriterionOperator | undefined {
  return typeof raw === 'string' ? BY_LOWER_NAME.get(raw.trim().toLowerCase()) : undefined;
}

/** The criterion type a stored or posted name stands for (case-insensitive), or undefined. */
export function parseCriterionType(raw: unknown): CriterionType | undefined {
  return typeof raw === 'string' ? TYPE_BY_LOWER_NAME.get(raw.trim().toLowerCase()) : undefined;
}
