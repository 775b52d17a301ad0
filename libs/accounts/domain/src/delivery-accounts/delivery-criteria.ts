import {
  compileCriteria,
  compileCriterion,
  Criterion,
  CRITERION_OPERATORS,
  CRITERION_TYPES,
  CriterionType,
  parseCriterionOperator,
  parseCriterionType,
} from '@leadx/catalog-criteria';
import { checked, DeliveryChecked, DeliveryInputProblem } from './delivery-input-error';
import { expressionProblem, quoted } from './operator-text';

/** Seed 003's Criteria object on a delivery account, as answered. */
export interface SeedDeliveryCriterion {
  ClientCriteriaUID: number;
  LeadFieldUID: number;
  Type: string;
  Expression: string;
  Operator: string;
  Value: string;
}

/** A Criteria object as posted (every property optional: the DTO checked the types). */
export type SeedDeliveryCriterionInput = Partial<SeedDeliveryCriterion>;

/**
 * What delivery_accounts.criteria holds: the scanner's Criterion (field by name) plus the seed's
 * identifiers, which the criteria lib ignores. `id` 0 means "not yet numbered".
 */
export interface StoredDeliveryCriterion extends Criterion {
  id: number;
  leadFieldId?: number;
}

export interface CriteriaContext {
  /** The account's lead type's fields: id → name. */
  fieldsById: ReadonlyMap<number, string>;
  leadTypeId: number;
  /** ClientCriteriaUIDs the account has now (a modify may keep them). */
  existingIds: ReadonlySet<number>;
}

const OPERATOR_LIST = CRITERION_OPERATORS.join(', ');

/** What the probe evaluation answers for a criterion that compiled: nothing about the lead was checked. */
const COMPILED_SUFFIXES = [': lead has no value', ': expressions not enabled'];

/**
 * Maps posted criteria to what the scanner reads, or says what is wrong with each, naming the
 * criterion. Unknown operators and types, fields of another lead type, value grammars the criteria
 * lib refuses, and expressions or regular expressions that do not parse are all refused here, so
 * a saved criterion never fails closed for a reason the operator could have been told about.
 */
export function criteriaFromSeed(input: readonly SeedDeliveryCriterionInput[], ctx: CriteriaContext): DeliveryChecked<StoredDeliveryCriterion[]> {
  const problems: DeliveryInputProblem[] = [];
  const seen = new Set<number>();
  const criteria: StoredDeliveryCriterion[] = [];
  input.forEach((c, i) => {
    const at = `Criteria[${i}]`;
    const fail = (prop: string, message: string) => problems.push({ field: `${at}.${prop}`, message: `${at}${describe(c)}: ${message}` });
    const id = c.ClientCriteriaUID ?? 0;
    if (id !== 0) {
      if (!ctx.existingIds.has(id)) fail('ClientCriteriaUID', `ClientCriteriaUID ${id} is not a criterion of this account (send 0 for a new one)`);
      else if (seen.has(id)) fail('ClientCriteriaUID', `ClientCriteriaUID ${id} is listed twice`);
      seen.add(id);
    }
    const type: CriterionType | undefined = c.Type === undefined || c.Type === '' ? 'FieldValue' : parseCriterionType(c.Type);
    if (!type) return fail('Type', `unknown Type ${quoted(String(c.Type))}; expected one of ${CRITERION_TYPES.join(', ')}`);
    // Expression/Function criteria ignore the operator; a blank one is read as Equal.
    const operator = type !== 'FieldValue' && !c.Operator?.trim() ? 'Equal' : parseCriterionOperator(c.Operator ?? '');
    if (!operator) return fail('Operator', `unknown Operator ${quoted(String(c.Operator ?? ''))}; expected one of ${OPERATOR_LIST}`);
    const leadFieldId = c.LeadFieldUID ?? 0;
    const field = leadFieldId === 0 ? undefined : ctx.fieldsById.get(leadFieldId);
    if (leadFieldId !== 0 && field === undefined) return fail('LeadFieldUID', `LeadFieldUID ${leadFieldId} is not a field of lead type ${ctx.leadTypeId}`);
    if (type === 'FieldValue' && field === undefined) return fail('LeadFieldUID', 'a FieldValue criterion needs the LeadFieldUID of the field it checks');
    const value = c.Value ?? '';
    const expression = c.Expression ?? '';
    const criterion: StoredDeliveryCriterion = { id, field: field ?? '', operator, value, type, expression };
    if (field !== undefined) criterion.leadFieldId = leadFieldId;

    if (type !== 'FieldValue') {
      const text = expression.trim() || value.trim();
      if (!text) return fail('Expression', `a ${type} criterion needs an Expression`);
      const problem = expressionProblem(text);
      if (problem) return fail(expression.trim() ? 'Expression' : 'Value', problem);
    }
    const problem = compileProblem(criterion);
    if (problem) return fail('Value', problem);
    criteria.push(criterion);
  });
  return checked(criteria, problems);
}

/**
 * Parses the criterion with the scanner's own compiler. compileCriterion never throws: a
 * criterion it cannot understand compiles to one that always fails with `invalid criterion: ...`.
 * Probing it with an empty lead and no expression engine runs no operator-written code.
 */
function compileProblem(criterion: Criterion): string | undefined {
  const probe = compileCriterion(criterion).evaluate({}, { now: () => new Date(0) });
  if (probe.passed || COMPILED_SUFFIXES.some((s) => probe.reason.endsWith(s))) return undefined;
  return probe.reason;
}

function describe(c: SeedDeliveryCriterionInput): string {
  const parts = [c.ClientCriteriaUID ? `ClientCriteriaUID ${c.ClientCriteriaUID}` : '', c.LeadFieldUID ? `LeadFieldUID ${c.LeadFieldUID}` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * A stored criterion in the seed's shape. Criteria written before this API (the demo catalog, by
 * hand) have no ids: their LeadFieldUID is looked up by field name, and ClientCriteriaUID is 0.
 */
export function criterionToSeed(stored: unknown, fieldIdsByLowerName: ReadonlyMap<string, number>): SeedDeliveryCriterion {
  const c = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const field = text(c['field']);
  const leadFieldId = typeof c['leadFieldId'] === 'number' ? c['leadFieldId'] : (fieldIdsByLowerName.get(field.trim().toLowerCase()) ?? 0);
  return {
    ClientCriteriaUID: typeof c['id'] === 'number' ? c['id'] : 0,
    LeadFieldUID: leadFieldId,
    Type: parseCriterionType(c['type']) ?? 'FieldValue',
    Expression: text(c['expression']),
    Operator: parseCriterionOperator(c['operator']) ?? text(c['operator']),
    Value: text(c['value']),
  };
}

/**
 * List of All Accounts (Filtered by Criteria): does an account's criteria on one lead field accept
 * `value`? Only the account's FieldValue criteria on that field are checked (with the scanner's
 * compiler); an account with none on it does not match, and a blank value matches every account
 * that has one. Distance_Compare needs the zip index and does not match here.
 */
export function criteriaAcceptFieldValue(criteria: unknown, field: { id: number; name: string }, value: string): boolean {
  if (!Array.isArray(criteria)) return false;
  const lower = field.name.toLowerCase();
  const relevant = criteria.filter((c): c is Criterion => {
    if (typeof c !== 'object' || c === null) return false;
    const r = c as Record<string, unknown>;
    const type = r['type'] === undefined || r['type'] === null || r['type'] === '' ? 'FieldValue' : parseCriterionType(r['type']);
    if (type !== 'FieldValue') return false;
    return r['leadFieldId'] === field.id || (typeof r['field'] === 'string' && r['field'].trim().toLowerCase() === lower);
  });
  if (!relevant.length) return false;
  if (!value.trim()) return true;
  const relabelled = relevant.map((c) => ({ ...c, field: field.name }));
  return compileCriteria(relabelled).evaluate({ [field.name]: value }, { now: () => new Date() }).passed;
}
