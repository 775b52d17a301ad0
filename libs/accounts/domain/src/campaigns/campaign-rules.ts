import { compileCriterion, CRITERION_OPERATORS, Criterion, CriterionOperator, parseCriterionOperator } from '@leadx/catalog-criteria';
import { CampaignFieldProblem, quoted } from './field-problem';

/**
 * A campaign Rule as stored in campaigns.rules: the criterion the receiver evaluates (field by
 * name) plus the seed's identifiers. `ruleId` is the seed's VendorRuleUID, `leadFieldId` its
 * LeadFieldUID; the receiver ignores both.
 */
export interface StoredCampaignRule extends Criterion {
  ruleId: number;
  leadFieldId: number;
}

/** One item of the seed's `Rules` (Array<Criteria>) as posted. */
export interface PostedCampaignRule {
  VendorRuleUID?: number | null;
  LeadFieldUID?: number | null;
  Operator?: string | null;
  Value?: string | number | null;
  Delete?: boolean | null;
}

/** The seed's Criteria as answered. */
export interface CampaignRuleView {
  VendorRuleUID: number;
  VendorAccountUID: number;
  LeadFieldUID: number;
  Operator: string;
  Value: string;
  Delete: boolean;
}

/** A field of the campaign's lead type. */
export interface CampaignLeadField {
  id: number;
  name: string;
}

export interface RuleMergeResult {
  /** The campaign's rules after the request; new ones have ruleId 0 until the caller assigns ids. */
  rules: StoredCampaignRule[];
  problems: CampaignFieldProblem[];
}

/** Longest rule value (a long In list of zips still fits). */
export const MAX_RULE_VALUE_LENGTH = 10_000;

const VALID_WHEN_EMPTY = ': lead has no value';

/**
 * Why a FieldValue criterion can never pass (bad value for its operator, unknown operator...), or
 * undefined when it is well-formed. compileCriterion never throws: it compiles a malformed
 * criterion to one that always fails and says why. A well-formed one, given a lead without the
 * field, answers "<label>: lead has no value"; a malformed one "<label>: invalid criterion: <why>".
 */
export function criterionProblem(criterion: Criterion): string | undefined {
  const result = compileCriterion(criterion).evaluate({}, { now: () => new Date() });
  if (result.reason.endsWith(VALID_WHEN_EMPTY)) return undefined;
  const marker = ': invalid criterion: ';
  const at = result.reason.lastIndexOf(marker);
  return at >= 0 ? result.reason.slice(at + marker.length) : result.reason;
}

function isStoredRule(raw: unknown): raw is StoredCampaignRule {
  return typeof raw === 'object' && raw !== null && typeof (raw as { field?: unknown }).field === 'string';
}

function fieldByName(fields: readonly CampaignLeadField[], name: string): CampaignLeadField | undefined {
  const lower = name.trim().toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower);
}

/**
 * Applies a create/modify request's Rules to a campaign's current rules (seed: each item is
 * added when VendorRuleUID is 0, changed when it names an existing rule, removed with
 * Delete: true; rules the request does not mention stay). `posted` undefined leaves the rules as
 * they are. Every resulting rule must check a field of the campaign's lead type and compile.
 */
export function mergeCampaignRules(
  current: readonly unknown[],
  posted: readonly PostedCampaignRule[] | undefined,
  fields: readonly CampaignLeadField[],
): RuleMergeResult {
  const problems: CampaignFieldProblem[] = [];
  const rules: StoredCampaignRule[] = current.filter(isStoredRule).map((r) => ({ ...r, ruleId: Number.isInteger(r.ruleId) ? r.ruleId : 0 }));
  const seen = new Set<number>();
  const postedRules = new Set<StoredCampaignRule>();

  (posted ?? []).forEach((item, i) => {
    const at = `Rules[${i}]`;
    const ruleId = item.VendorRuleUID ?? 0;
    const index = ruleId > 0 ? rules.findIndex((r) => r.ruleId === ruleId) : -1;
    if (ruleId > 0 && seen.has(ruleId)) {
      problems.push({ field: `${at}.VendorRuleUID`, message: `${at}.VendorRuleUID ${ruleId} appears more than once` });
      return;
    }
    seen.add(ruleId);
    if (ruleId > 0 && index < 0) {
      problems.push({ field: `${at}.VendorRuleUID`, message: `${at}.VendorRuleUID ${ruleId} is not a rule of this campaign (send 0 to add one)` });
      return;
    }
    if (item.Delete) {
      if (index >= 0) rules.splice(index, 1);
      return; // Delete on a new rule (VendorRuleUID 0) adds nothing.
    }
    const field = fields.find((f) => f.id === item.LeadFieldUID);
    if (!field) {
      problems.push({ field: `${at}.LeadFieldUID`, message: `${at}.LeadFieldUID ${item.LeadFieldUID ?? '(missing)'} is not a field of the campaign's lead type` });
      return;
    }
    const operator: CriterionOperator | undefined = parseCriterionOperator(item.Operator);
    if (!operator) {
      problems.push({ field: `${at}.Operator`, message: `${at}.Operator ${quoted(item.Operator ?? '')} is not one of ${CRITERION_OPERATORS.join(', ')}` });
      return;
    }
    const value = item.Value === null || item.Value === undefined ? '' : String(item.Value);
    const rule: StoredCampaignRule = { field: field.name, operator, value, ruleId: index >= 0 ? rules[index].ruleId : 0, leadFieldId: field.id };
    const problem = criterionProblem(rule);
    if (problem) {
      problems.push({ field: `${at}.Value`, message: `${at}: ${field.name} ${operator} ${quoted(value)} is not a valid rule: ${problem}` });
      return;
    }
    postedRules.add(rule);
    if (index >= 0) rules[index] = rule;
    else rules.push(rule);
  });

  // Rules kept from before must still fit the lead type (it may have changed with this request);
  // a renamed lead field is followed by its id.
  rules.forEach((rule) => {
    if (postedRules.has(rule)) return;
    const field = fields.find((f) => f.id === rule.leadFieldId) ?? fieldByName(fields, rule.field);
    if (!field) {
      problems.push({
        field: 'Rules',
        message: `rule ${rule.ruleId || '(unnumbered)'} checks ${quoted(rule.field)}, which is not a field of the campaign's lead type: delete it (Delete: true) or fix it`,
      });
      return;
    }
    rule.field = field.name;
    rule.leadFieldId = field.id;
  });
  return { rules, problems };
}

/** A stored rule in the seed's Criteria shape. */
export function campaignRuleView(rule: StoredCampaignRule, campaignId: number, fields: readonly CampaignLeadField[]): CampaignRuleView {
  const field = fields.find((f) => f.id === rule.leadFieldId) ?? fieldByName(fields, rule.field);
  return {
    VendorRuleUID: rule.ruleId ?? 0,
    VendorAccountUID: campaignId,
    LeadFieldUID: field?.id ?? rule.leadFieldId ?? 0,
    Operator: rule.operator,
    Value: rule.value ?? '',
    Delete: false,
  };
}

/** The stored rules of a campaign row (jsonb written by anyone): only well-shaped ones. */
export function storedCampaignRules(raw: unknown): StoredCampaignRule[] {
  return Array.isArray(raw) ? raw.filter(isStoredRule) : [];
}
