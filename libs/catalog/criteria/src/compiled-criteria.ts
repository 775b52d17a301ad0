import { CompiledCriterion, compileCriterion } from './compile-criterion';
import { Criterion, CriteriaEnvironment, CriteriaResult, LeadFields } from './criterion';
import { indexKey } from './value-parsing';

/** The Equal/In values a field must have for a set to pass (see CompiledCriteria.indexKeys). */
export interface FieldIndexKeys {
  field: string;
  /** The allowed values as written. */
  values: string[];
  /** The same through indexKey(): look a lead up by indexKey(lead[field]). */
  keys: string[];
}

const PASSED: CriteriaResult = Object.freeze({ passed: true });

/**
 * A set of criteria (one campaign's Rules or one delivery account's Criteria) parsed once at
 * config-change time. All must hold; evaluation stops at the first that does not.
 */
export class CompiledCriteria {
  private readonly compiled: readonly CompiledCriterion[];

  constructor(criteria: readonly Criterion[]) {
    this.compiled = criteria.map(compileCriterion);
  }

  get size(): number {
    return this.compiled.length;
  }

  evaluate(lead: LeadFields, env: CriteriaEnvironment): CriteriaResult {
    for (const c of this.compiled) {
      const result = c.evaluate(lead, env);
      if (!result.passed) return { passed: false, failed: { criterion: c.criterion, reason: result.reason } };
    }
    return PASSED;
  }

  /**
   * For each of `fields` (matched case-insensitively) that this set constrains with Equal or In:
   * the only values a lead can have there and still pass. A lead whose indexKey(value) is not in
   * `keys` (or who has no value) fails this set, so a scanner can index sets by these keys and
   * skip the rest. Several constraints on one field intersect; an empty `keys` means no lead
   * passes. Fields without such a constraint are left out: any value may pass them.
   */
  indexKeys(fields: readonly string[]): FieldIndexKeys[] {
    const wanted = new Set(fields.map((f) => f.trim().toLowerCase()));
    const byField = new Map<string, FieldIndexKeys>();
    for (const c of this.compiled) {
      const constraint = c.indexConstraint;
      if (!constraint || !wanted.has(constraint.field.toLowerCase())) continue;
      const name = constraint.field.toLowerCase();
      const seen = byField.get(name);
      if (!seen) {
        byField.set(name, { field: constraint.field, values: [...constraint.values], keys: [...constraint.keys] });
        continue;
      }
      const allowed = new Set(constraint.keys);
      seen.keys = seen.keys.filter((k) => allowed.has(k));
      const kept = new Set(seen.keys);
      seen.values = seen.values.filter((v) => kept.has(indexKey(v)));
    }
    return [...byField.values()];
  }
}

/** Compiles a set of criteria once; never throws (unparseable criteria always fail). */
export function compileCriteria(criteria: readonly Criterion[]): CompiledCriteria {
  return new CompiledCriteria(criteria);
}
