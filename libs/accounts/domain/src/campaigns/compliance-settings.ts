import { seedEnum } from '../seed-enum';
import { CampaignLeadField } from './campaign-rules';
import { CampaignFieldProblem, quoted } from './field-problem';

/** Screening providers (seed 004). Same names as the catalog's COMPLIANCE_INTEGRATION_TYPES. */
export const COMPLIANCE_TYPE = seedEnum('IntegrationType', ['PureCallerID'] as const);
export const COMPLIANCE_FAILURE_POLICY = seedEnum('FailurePolicy', ['pass_and_flag', 'hold_for_qc'] as const);
export const COMPLIANCE_MODE = seedEnum('Mode', ['parallel', 'sequential'] as const);
export const COMPLIANCE_ACTION = seedEnum('Action', ['Reject', 'Flag', 'Send to QC'] as const);
/** PureCallerID's answer statuses (seed 004). */
export const COMPLIANCE_ANSWER_STATUS = seedEnum('Status', ['Accepted', 'Rejected'] as const);

/** Seed 004 payload keys: phone (required), zip (required), firstName, lastName, address; others may be added. */
export const KNOWN_PAYLOAD_FIELDS = ['phone', 'zip', 'firstName', 'lastName', 'address'] as const;
export const REQUIRED_PAYLOAD_FIELDS = ['phone', 'zip'] as const;
/** Credential keys the integration itself fills in: a mapping may not overwrite them. */
const RESERVED_PAYLOAD_FIELDS = ['campaignid', 'listname', 'apitoken'];
const PAYLOAD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const REASON = /^[A-Za-z0-9_]{1,64}$/;

export interface PostedFieldMapping {
  LeadField: string;
  PayloadField: string;
}

export interface FieldMappingItem {
  leadField: string;
  payloadField: string;
}

/**
 * Validates an integration's field mapping: every lead field must belong to the campaign's lead
 * type (stored with its canonical spelling), payload keys are JSON identifiers used once, the
 * credential keys are off limits, and phone and zip must be mapped (seed 004 "Required: Yes").
 */
export function checkFieldMapping(at: string, posted: readonly PostedFieldMapping[], leadFields: readonly CampaignLeadField[]): { mapping: FieldMappingItem[]; problems: CampaignFieldProblem[] } {
  const problems: CampaignFieldProblem[] = [];
  const mapping: FieldMappingItem[] = [];
  const used = new Set<string>();
  posted.forEach((m, i) => {
    const path = `${at}.FieldMapping[${i}]`;
    const lead = leadFields.find((f) => f.name.toLowerCase() === m.LeadField.trim().toLowerCase());
    if (!lead) problems.push({ field: `${path}.LeadField`, message: `${path}.LeadField ${quoted(m.LeadField)} is not a field of the campaign's lead type` });
    const key = m.PayloadField.trim();
    const known = KNOWN_PAYLOAD_FIELDS.find((k) => k.toLowerCase() === key.toLowerCase());
    const payloadField = known ?? key;
    if (!PAYLOAD_KEY.test(key)) {
      problems.push({ field: `${path}.PayloadField`, message: `${path}.PayloadField ${quoted(key)} must be a letter then letters, digits or _ (at most 64)` });
    } else if (RESERVED_PAYLOAD_FIELDS.includes(key.toLowerCase())) {
      problems.push({ field: `${path}.PayloadField`, message: `${path}.PayloadField ${key} is filled in by the integration's settings` });
    } else if (used.has(payloadField.toLowerCase())) {
      problems.push({ field: `${path}.PayloadField`, message: `${path}.PayloadField ${key} is mapped more than once` });
    }
    used.add(payloadField.toLowerCase());
    if (lead) mapping.push({ leadField: lead.name, payloadField });
  });
  for (const required of REQUIRED_PAYLOAD_FIELDS) {
    if (!used.has(required.toLowerCase())) problems.push({ field: `${at}.FieldMapping`, message: `${at}.FieldMapping must map a lead field to ${required}` });
  }
  return { mapping, problems };
}

export interface PostedComplianceRule {
  Status?: string | null;
  Reasons?: string[] | null;
  Action: string;
}

export interface ComplianceRuleItem {
  status: 'Accepted' | 'Rejected' | null;
  reasons: string[];
  action: 'Reject' | 'Flag' | 'Send to QC';
}

/**
 * Criteria rules on the provider's answer (seed 004: "Reject if status = Rejected and reason in
 * (INACTIVE, DNC, TCPA_FLAG)"; "Send to QC when status = Accepted but reason = SUPPRESSED"). A
 * null Status or an empty Reasons list matches any. Reasons are provider codes, stored upper-case.
 */
export function checkComplianceRules(at: string, posted: readonly PostedComplianceRule[]): { rules: ComplianceRuleItem[]; problems: CampaignFieldProblem[] } {
  const problems: CampaignFieldProblem[] = [];
  const rules: ComplianceRuleItem[] = [];
  posted.forEach((r, i) => {
    const path = `${at}.Rules[${i}]`;
    const action = COMPLIANCE_ACTION.parse(r.Action);
    if (!action) problems.push({ field: `${path}.Action`, message: `${path}.Action must be one of ${COMPLIANCE_ACTION.names.join(', ')}` });
    const status = r.Status === null || r.Status === undefined || r.Status === '' ? null : COMPLIANCE_ANSWER_STATUS.parse(r.Status);
    if (status === undefined) problems.push({ field: `${path}.Status`, message: `${path}.Status must be one of ${COMPLIANCE_ANSWER_STATUS.names.join(', ')} or null (any)` });
    const reasons: string[] = [];
    (r.Reasons ?? []).forEach((reason, j) => {
      if (!REASON.test(reason.trim())) problems.push({ field: `${path}.Reasons[${j}]`, message: `${path}.Reasons[${j}] ${quoted(reason)} must be a reason code like DNC or TCPA_FLAG` });
      else reasons.push(reason.trim().toUpperCase());
    });
    if (action && status !== undefined) rules.push({ status, reasons: [...new Set(reasons)], action });
  });
  return { rules, problems };
}
