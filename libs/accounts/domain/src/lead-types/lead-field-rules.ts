import { compileExpression, compilePattern, isExpressionError } from '@leadx/catalog-expressions';
import { LeadFieldEnumInput, LeadFieldInput, LeadFieldRowValues, StoredLeadFieldEnum } from './lead-field-mapping';

/** A refused property of a request body, named by its path (e.g. `Fields[2].ComputedExpr`). */
export interface LeadFieldProblem {
  Field: string;
  Message: string;
}

/** Longest field name; the receiver drops posted names over 100 characters, so longer could never match. */
export const MAX_LEAD_FIELD_NAME_LENGTH = 100;
/** Names the receiver refuses as field names (prototype pollution in consumers). */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Problems of the body item itself, before merging (two spellings of FmtError that disagree). */
export function checkLeadFieldInput(input: LeadFieldInput, path: string): LeadFieldProblem[] {
  if (input.FmtError !== undefined && input.FormatError !== undefined && input.FmtError !== input.FormatError) {
    return [{ Field: `${path}.FormatError`, Message: `${path}.FormatError differs from ${path}.FmtError: send one of them` }];
  }
  return [];
}

/**
 * What the receiver would refuse or mark broken (it then fails every lead on the field): the
 * ComputedExpr must compile with the same safe expression engine, Validation and InvalidChars
 * with the same Pike-VM pattern engine, and the name must be usable. Nothing is evaluated.
 */
export function checkLeadFieldDefinition(values: LeadFieldRowValues, path: string): LeadFieldProblem[] {
  const problems: LeadFieldProblem[] = [];
  const problem = (prop: string, message: string) => problems.push({ Field: `${path}.${prop}`, Message: `${path}.${prop} ${message}` });

  if (!values.name.trim()) problem('Descriptor', 'is required (the field name)');
  else if (values.name.length > MAX_LEAD_FIELD_NAME_LENGTH) problem('Descriptor', `must be at most ${MAX_LEAD_FIELD_NAME_LENGTH} characters`);
  else if (UNSAFE_NAMES.has(values.name)) problem('Descriptor', 'is not allowed as a field name');

  const s = values.settings;
  const expr = typeof s.computedExpr === 'string' ? s.computedExpr.trim() : '';
  if (expr) {
    const compiled = compileExpression(expr);
    if (isExpressionError(compiled)) problem('ComputedExpr', `is not a valid expression: ${compiled.message}`);
  } else if (s.computed) {
    problem('ComputedExpr', 'is required when Computed is true');
  }
  for (const [prop, source] of [['Validation', s.validation], ['InvalidChars', s.invalidChars]] as const) {
    if (typeof source !== 'string' || source === '') continue;
    const compiled = compilePattern(source);
    if (isExpressionError(compiled)) problem(prop, `is not a valid regular expression: ${compiled.message}`);
  }
  return problems;
}

/** The enumeration rows to write for one field's FieldEnums. */
export interface LeadFieldEnumPlan {
  deletes: number[];
  updates: Array<{ id: number; descriptor: string; priority: number }>;
  inserts: Array<{ descriptor: string; priority: number }>;
  problems: LeadFieldProblem[];
}

export const MAX_LEAD_FIELD_ENUM_LENGTH = 4000;

/**
 * Applies FieldEnums to a field's current enumerations, the seed's way: LeadFieldEnumUID 0 adds,
 * a known UID changes (omitted properties kept) or, with Delete, removes; enumerations not listed
 * stay. A new one without Priority goes after the others. The resulting Descriptors must be
 * non-empty and distinct ignoring case (the receiver compares them ignoring case).
 */
export function planLeadFieldEnums(existing: readonly StoredLeadFieldEnum[], inputs: readonly LeadFieldEnumInput[], path: string): LeadFieldEnumPlan {
  const plan: LeadFieldEnumPlan = { deletes: [], updates: [], inserts: [], problems: [] };
  const byId = new Map(existing.map((e) => [e.id, e]));
  const final = new Map<number | string, { descriptor: string; at: string }>(existing.map((e) => [e.id, { descriptor: e.descriptor, at: '' }]));
  const touched = new Set<number>();
  let nextPriority = Math.max(-1, ...existing.map((e) => e.priority)) + 1;

  inputs.forEach((input, j) => {
    const at = `${path}.FieldEnums[${j}]`;
    const uid = input.LeadFieldEnumUID ?? 0;
    if (uid > 0) {
      const current = byId.get(uid);
      if (!current) {
        plan.problems.push({ Field: `${at}.LeadFieldEnumUID`, Message: `${at}.LeadFieldEnumUID ${uid} is not an enumeration of this field` });
        return;
      }
      if (touched.has(uid)) {
        plan.problems.push({ Field: `${at}.LeadFieldEnumUID`, Message: `${at}.LeadFieldEnumUID ${uid} is listed more than once` });
        return;
      }
      touched.add(uid);
      if (input.Delete) {
        plan.deletes.push(uid);
        final.delete(uid);
        return;
      }
      const descriptor = input.Descriptor ?? current.descriptor;
      plan.updates.push({ id: uid, descriptor, priority: input.Priority ?? current.priority });
      final.set(uid, { descriptor, at });
      return;
    }
    if (input.Delete) return; // nothing to remove
    if (input.Descriptor === undefined) {
      plan.problems.push({ Field: `${at}.Descriptor`, Message: `${at}.Descriptor is required for a new enumeration` });
      return;
    }
    plan.inserts.push({ descriptor: input.Descriptor, priority: input.Priority ?? nextPriority++ });
    final.set(`new${j}`, { descriptor: input.Descriptor, at });
  });

  const seen = new Map<string, string>();
  for (const { descriptor, at } of final.values()) {
    const where = at ? `${at}.Descriptor` : `${path}.FieldEnums`;
    const key = descriptor.trim().toLowerCase();
    if (!key) plan.problems.push({ Field: where, Message: `${where} must not be empty` });
    else if (descriptor.length > MAX_LEAD_FIELD_ENUM_LENGTH) plan.problems.push({ Field: where, Message: `${where} must be at most ${MAX_LEAD_FIELD_ENUM_LENGTH} characters` });
    else if (seen.has(key)) plan.problems.push({ Field: where, Message: `${where} "${descriptor}" duplicates "${seen.get(key)}" (enumerations are compared ignoring case)` });
    else seen.set(key, descriptor);
  }
  return plan;
}
