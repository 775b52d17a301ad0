import { compileCriterion } from './compile-criterion';
import { Criterion, CriteriaEnvironment, CriterionResult, LeadFields } from './criterion';

/**
 * Checks one criterion against one lead. Convenient for a single check; the scanner, which
 * checks the same criteria against many leads, compiles them once with compileCriteria. Both
 * run the same code, so they cannot disagree.
 */
export function evaluateCriterion(criterion: Criterion, lead: LeadFields, env: CriteriaEnvironment): CriterionResult {
  return compileCriterion(criterion).evaluate(lead, env);
}
