import { dayOfInstant, formatDay, parseLeadDay } from './calendar';
import { Criterion, CriteriaEnvironment, CriterionResult, LeadFields } from './criterion';
import { CriterionOperator, NEGATIVE_OPERATORS, parseCriterionOperator, parseCriterionType } from './criterion-operator';
import { compareDays, DateClause, operandDay, parseDateCompare } from './date-compare';
import { indexKey, parseNumber, parseZip, shown, splitList, splitPipeList } from './value-parsing';

/** Equal/In on a FieldValue criterion: a lead passes only if indexKey(its value) is in `keys`. */
export interface IndexConstraint {
  field: string;
  /** The values as written (trimmed), for people. */
  values: string[];
  /** The same values through indexKey(), for lookups. */
  keys: string[];
}

/** A criterion parsed once, ready to evaluate against any number of leads. */
export interface CompiledCriterion {
  readonly criterion: Criterion;
  /** Present for valid Equal/In FieldValue criteria. */
  readonly indexConstraint?: IndexConstraint;
  evaluate(lead: LeadFields, env: CriteriaEnvironment): CriterionResult;
}

/** What a value check answers: pass or not, and the detail after the criterion's label. */
interface Outcome {
  passed: boolean;
  detail: string;
}
type ValueCheck = (actual: string, env: CriteriaEnvironment) => Outcome;

const has = (actual: string) => `lead has ${shown(actual)}`;
const outcome = (passed: boolean, detail: string): Outcome => ({ passed, detail });

function textOf(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw); // seed: Rules' Value is an integer
  if (raw === undefined || raw === null) return '';
  return undefined;
}

/**
 * The lead's value for a field: the exact key first, then a case-insensitive match, because
 * sources post field names in any case. Blank (whitespace-only) counts as absent.
 */
function fieldValue(lead: LeadFields, field: string, lowerField: string): string | undefined {
  let raw: unknown = lead[field];
  if (raw === undefined) {
    for (const key of Object.keys(lead)) {
      if (key.toLowerCase() === lowerField) {
        raw = lead[key];
        break;
      }
    }
  }
  if (raw === undefined || raw === null) return undefined;
  const text = typeof raw === 'string' ? raw.trim() : String(raw).trim();
  return text === '' ? undefined : text;
}

function orderedCheck(operator: CriterionOperator, value: string): ValueCheck | string {
  const limit = parseNumber(value);
  if (limit === undefined) return `${operator} needs a number, got "${shown(value)}"`;
  const holds: (n: number) => boolean =
    operator === 'Greater' ? (n) => n > limit
    : operator === 'Less' ? (n) => n < limit
    : operator === 'GreaterOrEqual' ? (n) => n >= limit
    : (n) => n <= limit;
  return (actual) => {
    const n = parseNumber(actual);
    return n === undefined ? outcome(false, `${has(actual)}, not a number`) : outcome(holds(n), has(actual));
  };
}

function betweenCheck(value: string): ValueCheck | string {
  const bounds = splitList(value).map(parseNumber);
  if (bounds.length !== 2 || bounds[0] === undefined || bounds[1] === undefined) {
    return `Between needs two numbers like 10|20, got "${shown(value)}"`;
  }
  // Bounds written high-to-low mean the same range; inclusive at both ends.
  const [low, high] = bounds[0] <= bounds[1] ? [bounds[0], bounds[1]] : [bounds[1], bounds[0]];
  return (actual) => {
    const n = parseNumber(actual);
    return n === undefined ? outcome(false, `${has(actual)}, not a number`) : outcome(n >= low && n <= high, has(actual));
  };
}

function dateCheck(value: string): ValueCheck | string {
  const parsed = parseDateCompare(value);
  if (typeof parsed === 'string') return parsed;
  const clauses: DateClause[] = parsed;
  // Absolute dates were resolved at compile time; only offsets need today's date.
  const needsClock = clauses.some((c) => c.operand.kind === 'offset');
  return (actual, env) => {
    const day = parseLeadDay(actual);
    if (day === undefined) return outcome(false, `${has(actual)}, not a date`);
    let today = 0;
    if (needsClock) {
      const now = env.now();
      const ms = now instanceof Date ? now.getTime() : NaN;
      if (!Number.isFinite(ms)) return outcome(false, 'clock gave an invalid date');
      today = dayOfInstant(ms);
    }
    for (const clause of clauses) {
      const limit = operandDay(clause.operand, today);
      if (limit === undefined) return outcome(false, 'date offset is out of range');
      if (!compareDays(clause.op, day, limit)) {
        return outcome(false, `lead date ${formatDay(day)} is not ${clause.op} ${formatDay(limit)}`);
      }
    }
    return outcome(true, `lead date ${formatDay(day)}`);
  };
}

function distanceCheck(value: string): ValueCheck | string {
  const parts = splitList(value);
  const zip = parts.length === 2 ? parseZip(parts[0]) : undefined;
  const miles = parts.length === 2 ? parseNumber(parts[1]) : undefined;
  if (zip === undefined || miles === undefined || miles < 0) {
    return `Distance_Compare needs <zip>|<miles> like 75001|50, got "${shown(value)}"`;
  }
  return (actual, env) => {
    if (!env.distanceMiles) return outcome(false, 'distance lookup not enabled');
    // ZIP+4 reduces to its five digits; anything else goes to the lookup as written.
    const leadZip = parseZip(actual) ?? actual;
    let distance: number | undefined;
    try {
      distance = env.distanceMiles(zip, leadZip);
    } catch (e: unknown) {
      return outcome(false, `distance lookup failed: ${shown(e instanceof Error ? e.message : String(e))}`);
    }
    if (typeof distance !== 'number' || !Number.isFinite(distance) || distance < 0) {
      return outcome(false, `no distance known from ${zip} to lead zip ${shown(leadZip)}`);
    }
    return outcome(distance <= miles, `lead zip ${shown(leadZip)} is ${Math.round(distance * 10) / 10} mi from ${zip}`);
  };
}

/** The value check for a FieldValue criterion, or the reason its value is malformed. */
function valueCheck(operator: CriterionOperator, value: string): ValueCheck | string {
  switch (operator) {
    case 'Equal':
    case 'NotEqual': {
      if (value.trim() === '') return `${operator} needs a value`;
      const key = indexKey(value);
      const negate = operator === 'NotEqual';
      return (actual) => outcome((indexKey(actual) === key) !== negate, has(actual));
    }
    case 'In':
    case 'NotIn': {
      const items = splitList(value);
      if (items.length === 0) return `${operator} needs a list like TX|OK`;
      const keys = new Set(items.map(indexKey));
      const negate = operator === 'NotIn';
      return (actual) => outcome(keys.has(indexKey(actual)) !== negate, has(actual));
    }
    case 'Contains':
    case 'Doesnt_Contain': {
      const parts = splitPipeList(value).map((p) => p.toLowerCase());
      if (parts.length === 0) return `${operator} needs text to look for`;
      const negate = operator === 'Doesnt_Contain';
      return (actual) => {
        const lower = actual.toLowerCase();
        return outcome(parts.some((p) => lower.includes(p)) !== negate, has(actual));
      };
    }
    case 'Greater':
    case 'Less':
    case 'GreaterOrEqual':
    case 'LessOrEqual':
      return orderedCheck(operator, value);
    case 'Between':
      return betweenCheck(value);
    case 'DateCompare':
      return dateCheck(value);
    case 'Distance_Compare':
      return distanceCheck(value);
  }
}

function failing(criterion: Criterion, label: string, problem: string): CompiledCriterion {
  const result: CriterionResult = Object.freeze({ passed: false, reason: `${label}: invalid criterion: ${problem}` });
  return { criterion, evaluate: () => result };
}

function compileExpression(criterion: Criterion, type: string, rawExpression: unknown, value: string): CompiledCriterion {
  const expressionText = textOf(rawExpression);
  const expression = expressionText !== undefined && expressionText.trim() !== '' ? expressionText.trim() : value.trim();
  const label = `${type} ${shown(expression)}`;
  if (expression === '') return failing(criterion, label, `${type} criterion has no expression`);
  return {
    criterion,
    evaluate(lead, env) {
      if (!env.evaluateExpression) return { passed: false, reason: `${label}: expressions not enabled` };
      let result: unknown;
      try {
        result = env.evaluateExpression(expression, lead);
      } catch (e: unknown) {
        return { passed: false, reason: `${label}: expression failed: ${shown(e instanceof Error ? e.message : String(e))}` };
      }
      const passed = Boolean(result);
      return { passed, reason: `${label}: expression is ${passed ? 'true' : 'false'}` };
    },
  };
}

/**
 * Parses one criterion once. Never throws: a criterion that cannot be understood compiles to one
 * that always fails, with the reason in its result (fail closed).
 */
export function compileCriterion(criterion: Criterion): CompiledCriterion {
  // Stored criteria are JSON, so the declared types are not trusted at run time.
  if (typeof criterion !== 'object' || criterion === null) return failing(criterion, shown(String(criterion)), 'not a criterion object');
  const loose = criterion as unknown as Record<string, unknown>;
  const field = typeof loose['field'] === 'string' ? loose['field'].trim() : '';
  const operator = parseCriterionOperator(loose['operator']);
  const value = textOf(loose['value']);
  const label = shown(`${field || '(no field)'} ${String(operator ?? loose['operator'])} ${value ?? ''}`.trim());

  const type = loose['type'] === undefined || loose['type'] === null || loose['type'] === '' ? 'FieldValue' : parseCriterionType(loose['type']);
  if (type === undefined) return failing(criterion, label, `unknown type "${shown(String(loose['type']))}"`);
  if (type !== 'FieldValue') return compileExpression(criterion, type, loose['expression'], value ?? '');
  if (value === undefined) return failing(criterion, label, 'value is not text');

  if (operator === undefined) return failing(criterion, label, `unknown operator "${shown(String(loose['operator']))}"`);
  if (field === '') return failing(criterion, label, 'no field');
  const check = valueCheck(operator, value);
  if (typeof check === 'string') return failing(criterion, label, check);

  const lowerField = field.toLowerCase();
  const passWhenMissing = NEGATIVE_OPERATORS.has(operator);
  const missing: CriterionResult = Object.freeze({ passed: passWhenMissing, reason: `${label}: lead has no value` });
  const indexConstraint = operator === 'Equal' || operator === 'In' ? indexConstraintOf(field, operator, value) : undefined;
  return {
    criterion,
    indexConstraint,
    evaluate(lead, env) {
      const actual = fieldValue(lead, field, lowerField);
      if (actual === undefined) return missing;
      const o = check(actual, env);
      return { passed: o.passed, reason: `${label}: ${o.detail}` };
    },
  };
}

function indexConstraintOf(field: string, operator: 'Equal' | 'In', value: string): IndexConstraint {
  const values = operator === 'Equal' ? [value.trim()] : splitList(value);
  return { field, values, keys: [...new Set(values.map(indexKey))] };
}
