import { CompiledField, compileField } from './compiled-field';
import { CompiledFieldRules } from './compiled-field-rules';
import { FieldError, FieldValidationOptions, FieldValidationResult } from './field-result';
import { LeadFieldDefinition, UNSAFE_FIELD_NAMES } from './lead-field-definition';

/**
 * Compiles a lead type's definitions once: InvalidChars and Validation patterns into linear-time
 * matchers, ComputedExpr into safe expressions (unless `options.evaluate` is given), enums into
 * lookup maps. Disabled definitions are left out, as if they were not defined.
 */
export function compileFieldDefinitions(defs: readonly LeadFieldDefinition[], options: FieldValidationOptions = {}): CompiledFieldRules {
  const fields: CompiledField[] = [];
  const definitionErrors: FieldError[] = [];
  const seen = new Set<string>();
  for (const def of defs) {
    if (!def || !def.enabled || typeof def.name !== 'string' || !def.name.trim()) continue;
    const key = def.name.toLowerCase();
    if (UNSAFE_FIELD_NAMES.has(def.name)) {
      definitionErrors.push({ field: def.name, message: `${def.name}: not allowed as a field name; the field is ignored` });
      continue;
    }
    if (seen.has(key)) {
      definitionErrors.push({ field: def.name, message: `${def.name}: defined more than once; the first definition applies` });
      continue;
    }
    seen.add(key);
    const field = compileField(def, options);
    if (field.broken) definitionErrors.push({ field: def.name, message: `${def.name}: ${field.broken}` });
    fields.push(field);
  }
  return new CompiledFieldRules(fields, definitionErrors, options);
}

/** One-off validation; on the hot path compile once with compileFieldDefinitions and reuse it. */
export function validateLeadFields(
  posted: Readonly<Record<string, string>>,
  defs: readonly LeadFieldDefinition[],
  options: FieldValidationOptions = {},
): FieldValidationResult {
  return compileFieldDefinitions(defs, options).validate(posted);
}
