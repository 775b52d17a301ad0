import { CompiledExpression, compileExpression, compilePattern, isExpressionError, SafePattern } from '@leadx/catalog-expressions';
import { FieldDataType, LeadFieldDefinition } from './lead-field-definition';
import { FieldValidationOptions } from './field-result';
import { Normalised, specialBitRule } from './special-bit-rules';
import { normaliseDataType } from './data-type-rules';

/** One enabled definition with everything operator-written compiled once. */
export interface CompiledField {
  readonly name: string;
  readonly required: boolean;
  readonly computed: boolean;
  readonly dataType: FieldDataType;
  readonly computedExpr: string;
  readonly expression?: CompiledExpression;
  readonly invalidChars?: SafePattern;
  readonly validation?: SafePattern;
  readonly formatError?: string;
  readonly specialBit?: (value: string) => Normalised;
  /** Lower-cased enum descriptor to its canonical spelling; undefined when not enumerated. */
  readonly enums?: ReadonlyMap<string, string>;
  /** Why the definition cannot be applied; every lead then fails this field (fail closed). */
  readonly broken?: string;
}

export function compileField(def: LeadFieldDefinition, options: FieldValidationOptions): CompiledField {
  const problems: string[] = [];
  const pattern = (source: string | undefined, what: string): SafePattern | undefined => {
    if (!source) return undefined;
    const compiled = compilePattern(source);
    if (isExpressionError(compiled)) {
      problems.push(`${what} ${compiled.message}`);
      return undefined;
    }
    return compiled;
  };
  const computedExpr = def.computedExpr?.trim() ?? '';
  let expression: CompiledExpression | undefined;
  if (def.computed && !options.evaluate) {
    const compiled = computedExpr ? compileExpression(computedExpr) : undefined;
    if (!compiled) problems.push('computed field has no expression');
    else if (isExpressionError(compiled)) problems.push(`computed expression: ${compiled.message}`);
    else expression = compiled;
  }
  const enumerated = def.enumerated && Array.isArray(def.enums) && def.enums.length > 0;
  return {
    name: def.name,
    required: !!def.required,
    computed: !!def.computed,
    dataType: def.dataType,
    computedExpr,
    expression,
    invalidChars: pattern(def.invalidChars, 'InvalidChars'),
    validation: pattern(def.validation, 'Validation'),
    formatError: def.formatError?.trim() || undefined,
    specialBit: specialBitRule(def.specialBit, !!def.isState),
    enums: enumerated ? enumMap(def.enums) : undefined,
    broken: problems.length ? problems.join('; ') : undefined,
  };
}

/** Lower-cased descriptor to its spelling; the first of two spellings that differ only in case wins. */
function enumMap(enums: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of enums) {
    const spelling = String(e).trim();
    if (spelling && !map.has(spelling.toLowerCase())) map.set(spelling.toLowerCase(), spelling);
  }
  return map;
}

/**
 * Steps 4-7 of the documented order for one non-empty value: SpecialBit, DataType, Enumerated,
 * Validation. Returns the normalised value or the error message (with the field name).
 */
export function normaliseValue(field: CompiledField, input: string): Normalised {
  let value = input;
  for (const step of [field.specialBit, (v: string) => normaliseDataType(field.dataType, v)]) {
    if (!step) continue;
    const result = step(value);
    if (!result.ok) return { ok: false, reason: `${field.name}: ${result.reason}` };
    value = result.value;
  }
  if (field.enums) {
    const canonical = field.enums.get(value.toLowerCase());
    if (canonical === undefined) {
      const allowed = [...field.enums.values()];
      const list = allowed.length <= 10 ? ` (${allowed.join(', ')})` : '';
      return { ok: false, reason: `${field.name}: not one of the allowed values${list}` };
    }
    value = canonical;
  }
  if (field.validation && !field.validation.test(value)) {
    return { ok: false, reason: formatErrorMessage(field) };
  }
  return { ok: true, value };
}

/** The operator's FormatError, prefixed with the field name unless it already names the field. */
function formatErrorMessage(field: CompiledField): string {
  const message = field.formatError;
  if (!message) return `${field.name}: does not match the required format`;
  return message.toLowerCase().includes(field.name.toLowerCase()) ? message : `${field.name}: ${message}`;
}
