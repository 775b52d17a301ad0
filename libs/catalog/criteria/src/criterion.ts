import { CriterionOperator, CriterionType } from './criterion-operator';

/**
 * One check on a lead: a campaign Rule or a delivery-account criterion of seed 003, with the
 * seed's LeadFieldUID already resolved to the field's name.
 */
export interface Criterion {
  /** The lead field checked (e.g. `State`). Not needed by Expression/Function criteria. */
  field: string;
  operator: CriterionOperator;
  /** The operator's argument; its grammar per operator is in this lib's README. */
  value: string;
  /** Seed 003's criteria_type. Absent means FieldValue (campaign Rules have no type). */
  type?: CriterionType;
  /**
   * Seed 003's Criteria.Expression: the text handed to the expression evaluator for Expression
   * and Function criteria. When blank, `value` is used instead.
   */
  expression?: string;
}

export interface CriterionResult {
  passed: boolean;
  /** One line for scan logs and responseMessage, e.g. `State In TX|OK: lead has CA`. */
  reason: string;
}

/** Lead fields by name, as the receiver stores them. */
export type LeadFields = Readonly<Record<string, string>>;

/** What evaluation needs from outside, injected so this lib stays pure and testable. */
export interface CriteriaEnvironment {
  /** The clock DateCompare measures relative offsets from. */
  now(): Date;
  /**
   * Miles between two US zip codes, or undefined when either is unknown. Without it,
   * Distance_Compare criteria fail closed.
   */
  distanceMiles?(zipA: string, zipB: string): number | undefined;
  /**
   * The safe expression engine for Expression/Function criteria: the criterion passes when it
   * returns a truthy value. Without it those criteria fail closed ("expressions not enabled").
   */
  evaluateExpression?(expression: string, lead: LeadFields): unknown;
}

/** The outcome of a whole set: passed, or the first criterion that stopped the lead. */
export interface CriteriaResult {
  passed: boolean;
  failed?: { criterion: Criterion; reason: string };
}
