import { LeadFieldProblem } from './lead-field-rules';

/**
 * Seed 003 AccountUID, "Your account identifier". One installation of this platform is one
 * LeadExec account, so it is a constant.
 */
export const LEAD_TYPE_ACCOUNT_UID = 1;

/** A lead_types row (the columns the Account API reads). */
export interface StoredLeadType {
  id: number;
  name: string;
  inQc: boolean;
  status: boolean;
  typeUid: number;
}

/** Seed 003 "Lead Type Properties". */
export interface LeadTypeView {
  LeadTypeUID: number;
  AccountUID: number;
  InQC: boolean;
  Descriptor: string;
  Status: boolean;
  /** The lead type's DuplicateSetUIDs, comma-separated; "" = none (the receiver's default sets apply). */
  DefaultDupSets: string;
  TypeUID: number;
}

export function leadTypeView(row: StoredLeadType, duplicateSetIds: readonly number[]): LeadTypeView {
  return {
    LeadTypeUID: row.id,
    AccountUID: LEAD_TYPE_ACCOUNT_UID,
    InQC: row.inQc,
    Descriptor: row.name,
    Status: row.status,
    DefaultDupSets: duplicateSetIds.join(','),
    TypeUID: row.typeUid,
  };
}

/** A lead_type_duplicate_sets row: the receiver reads `name` and `fields` (lead field names). */
export interface StoredDuplicateSet {
  id: number;
  leadTypeId: number;
  name: string;
  fields: string[];
}

/** Extension: a duplicate set as the Account API shows it. */
export interface DuplicateSetView {
  DuplicateSetUID: number;
  LeadTypeUID: number;
  Name: string;
  Fields: string[];
}

export function duplicateSetView(row: StoredDuplicateSet): DuplicateSetView {
  return { DuplicateSetUID: row.id, LeadTypeUID: row.leadTypeId, Name: row.name, Fields: [...row.fields] };
}

export interface DuplicateSetInput {
  DuplicateSetUID?: number;
  Name: string;
  Fields: string[];
}

/** The sets to write: field names in the lead type's spelling. */
export interface DuplicateSetPlan {
  sets: Array<{ id: number; name: string; fields: string[] }>;
  problems: LeadFieldProblem[];
}

export const MAX_DUPLICATE_SET_NAME_LENGTH = 200;

/**
 * Checks a lead type's new list of duplicate sets: names non-empty and distinct (ignoring case),
 * ids among the lead type's current sets, and every field one of the lead type's fields (a typo
 * would silently never match, as the receiver skips a set whose fields a lead lacks). Fields are
 * matched ignoring case, like the receiver, and stored in the field's own spelling.
 */
export function planDuplicateSets(inputs: readonly DuplicateSetInput[], currentIds: ReadonlySet<number>, fieldNames: readonly string[]): DuplicateSetPlan {
  const plan: DuplicateSetPlan = { sets: [], problems: [] };
  const fieldByLower = new Map(fieldNames.map((n) => [n.toLowerCase(), n]));
  const names = new Set<string>();
  const ids = new Set<number>();
  inputs.forEach((input, i) => {
    const at = `DuplicateSets[${i}]`;
    const bad = (prop: string, message: string) => plan.problems.push({ Field: `${at}.${prop}`, Message: `${at}.${prop} ${message}` });
    const id = input.DuplicateSetUID ?? 0;
    if (id > 0 && !currentIds.has(id)) bad('DuplicateSetUID', `${id} is not a duplicate set of this lead type`);
    else if (id > 0 && ids.has(id)) bad('DuplicateSetUID', `${id} is listed more than once`);
    ids.add(id);
    const nameKey = input.Name.trim().toLowerCase();
    if (!nameKey) bad('Name', 'must not be empty');
    else if (input.Name.length > MAX_DUPLICATE_SET_NAME_LENGTH) bad('Name', `must be at most ${MAX_DUPLICATE_SET_NAME_LENGTH} characters`);
    else if (names.has(nameKey)) bad('Name', `"${input.Name}" is used by another set`);
    names.add(nameKey);
    if (input.Fields.length === 0) bad('Fields', 'must name at least one field');
    const fields: string[] = [];
    input.Fields.forEach((f, j) => {
      const field = fieldByLower.get(f.trim().toLowerCase());
      if (!field) bad(`Fields[${j}]`, `"${f}" is not a field of this lead type`);
      else if (fields.includes(field)) bad(`Fields[${j}]`, `"${f}" is listed more than once`);
      else fields.push(field);
    });
    plan.sets.push({ id, name: input.Name, fields });
  });
  return plan;
}
