import { ExpressionError, toText } from '@leadx/catalog-expressions';
import { CompiledField, normaliseValue } from './compiled-field';
import { FIELD_LIMITS } from './field-limits';
import { FieldError, FieldValidationOptions, FieldValidationResult } from './field-result';
import { UNSAFE_FIELD_NAMES } from './lead-field-definition';

/**
 * A lead type's field definitions compiled once (patterns, expressions, enum maps); `validate` runs
 * per lead on the receiver's hot path. See docs.md for the order of the steps.
 */
export class CompiledFieldRules {
  constructor(
    private readonly fieldsInOrder: readonly CompiledField[],
    /** Definitions that cannot be applied (a refused pattern or expression, a duplicate name). */
    readonly definitionErrors: readonly FieldError[],
    private readonly options: FieldValidationOptions,
  ) {}

  validate(posted: Readonly<Record<string, string>>): FieldValidationResult {
    const input = readPosted(posted);
    const out = new Map<string, string>();
    const errors: FieldError[] = [];
    const claimed = new Set<string>();

    for (const field of this.fieldsInOrder) {
      const key = findKey(input, field.name);
      if (key !== undefined) claimed.add(key);
      if (field.computed) continue; // its posted value, if any, is ignored
      const error = this.guarded(field, () => this.fieldValue(field, key === undefined ? '' : input.values.get(key) ?? ''));
      if (typeof error === 'string') out.set(field.name, error);
      else if (error) errors.push(error);
    }

    const extras = keepExtras(input, claimed, this.fieldsInOrder);
    for (const field of this.fieldsInOrder) {
      if (!field.computed) continue;
      const vars = Object.fromEntries([...out, ...extras.kept]);
      const result = this.guarded(field, () => this.computedValue(field, vars));
      if (typeof result === 'string') out.set(field.name, result);
      else if (result) errors.push(result);
    }

    return { fields: Object.fromEntries([...out, ...extras.kept]), errors, ignored: extras.ignored };
  }

  /** Steps 1-7 (docs.md) for a posted value: the value to store, an error, or undefined for an empty optional field. */
  private fieldValue(field: CompiledField, raw: string): string | FieldError | undefined {
    if (raw.length > FIELD_LIMITS.maxValueLength) return fail(field, `longer than ${FIELD_LIMITS.maxValueLength} characters`);
    let value = raw.trim();
    if (field.invalidChars) value = field.invalidChars.replaceAll(value, '').trim();
    return this.finish(field, value);
  }

  /** Step 8 (docs.md): the expression over the normalised values, then the same checks as a posted value. */
  private computedValue(field: CompiledField, vars: Record<string, string>): string | FieldError | undefined {
    const result = this.options.evaluate
      ? this.options.evaluate(field.computedExpr, vars)
      : field.expression?.evaluate(vars, { now: this.options.now });
    const value = typeof result === 'boolean' ? (field.dataType === 'Bit' ? (result ? '1' : '0') : String(result)) : toText(result ?? null);
    if (value.length > FIELD_LIMITS.maxValueLength) return fail(field, `computed value longer than ${FIELD_LIMITS.maxValueLength} characters`);
    return this.finish(field, value.trim());
  }

  private finish(field: CompiledField, value: string): string | FieldError | undefined {
    if (!value) return field.required ? fail(field, 'is required') : undefined;
    const normalised = normaliseValue(field, value);
    return normalised.ok ? normalised.value : { field: field.name, message: normalised.reason };
  }

  /** Broken definitions fail closed; budget overruns and evaluator failures become this field's error. */
  private guarded(field: CompiledField, run: () => string | FieldError | undefined): string | FieldError | undefined {
    if (field.broken) return fail(field, `field definition cannot be applied (${field.broken})`);
    try {
      return run();
    } catch (e: unknown) {
      const reason = e instanceof ExpressionError ? e.message : 'evaluation failed';
      return fail(field, field.computed ? `cannot be computed (${reason})` : `cannot be checked (${reason})`);
    }
  }
}

function fail(field: CompiledField, reason: string): FieldError {
  return { field: field.name, message: `${field.name}: ${reason}` };
}

interface PostedInput {
  /** Own keys in posted order, values as text. */
  values: Map<string, string>;
  /** Lower-cased key to the first key with that spelling, for case-insensitive lookup. */
  byLowerCase: Map<string, string>;
}

/** Own enumerable keys only; numbers and booleans become text, anything else is dropped. */
function readPosted(posted: unknown): PostedInput {
  const values = new Map<string, string>();
  const byLowerCase = new Map<string, string>();
  if (!posted || typeof posted !== 'object') return { values, byLowerCase };
  for (const [key, raw] of Object.entries(posted as Record<string, unknown>)) {
    const value = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
    if (value === undefined) continue;
    values.set(key, value);
    if (!byLowerCase.has(key.toLowerCase())) byLowerCase.set(key.toLowerCase(), key);
  }
  return { values, byLowerCase };
}

/** The exact key when posted, otherwise the first key that matches ignoring case. */
function findKey(input: PostedInput, name: string): string | undefined {
  return input.values.has(name) ? name : input.byLowerCase.get(name.toLowerCase());
}

/** Unknown fields kept verbatim, within the caps; the rest are listed as ignored. */
function keepExtras(input: PostedInput, claimed: ReadonlySet<string>, fields: readonly CompiledField[]): { kept: Array<[string, string]>; ignored: string[] } {
  const defined = new Set(fields.map((f) => f.name.toLowerCase()));
  const kept: Array<[string, string]> = [];
  const ignored: string[] = [];
  for (const [key, value] of input.values) {
    if (claimed.has(key)) continue;
    const tooMany = kept.length >= FIELD_LIMITS.maxExtraFields;
    const unsafe = UNSAFE_FIELD_NAMES.has(key) || !key.trim() || key.length > FIELD_LIMITS.maxExtraNameLength;
    // A second spelling of a defined field (Email and email) is not an extra: the first one won.
    if (tooMany || unsafe || defined.has(key.toLowerCase()) || value.length > FIELD_LIMITS.maxExtraValueLength) {
      if (ignored.length < FIELD_LIMITS.maxIgnoredListed) ignored.push(key.slice(0, FIELD_LIMITS.maxExtraNameLength));
      continue;
    }
    kept.push([key, value]);
  }
  return { kept, ignored };
}
