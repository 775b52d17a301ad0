import { DeliveryFieldType } from './delivery-enums';
import { checked, DeliveryChecked, DeliveryInputProblem } from './delivery-input-error';
import { expressionProblem, quoted } from './operator-text';

/** A FieldMapping as posted: a lead value and what to send instead. */
export interface FieldMappingInput {
  DeliveryMappingUID?: number;
  Delete?: boolean;
  DeliveryValue?: string;
  FieldValue?: string;
}

/** A FieldSetting as posted (FieldType already canonical). `Mappings` is the seed table's name for FieldMappings. */
export interface FieldSettingInput {
  DeliverySettingUID?: number;
  Delete?: boolean;
  Format?: string;
  FieldType?: DeliveryFieldType;
  FieldName?: string;
  Value?: string;
  LeadFieldUID?: number | string;
  Expr?: string;
  hasMap?: boolean;
  FieldMappings?: FieldMappingInput[];
}

export interface FieldMappingRow {
  id: number;
  fieldValue: string;
  deliveryValue: string;
}

export interface FieldSettingRow {
  id: number;
  fieldType: DeliveryFieldType;
  fieldName: string;
  value: string;
  leadFieldId: number | null;
  format: string;
  expr: string;
  hasMap: boolean;
}

/** What a save does to one setting: insert (id 0), update, or delete, with its mapping changes. */
export interface FieldSettingChange {
  setting: FieldSettingRow;
  delete: boolean;
  /** undefined: keep the setting's mappings as they are. */
  mappings?: { upsert: FieldMappingRow[]; deleteIds: number[] };
}

export interface FieldSettingContext {
  /** Lead fields a Lead Field / Sub-String setting may name: id → name. */
  leadFields: ReadonlyMap<number, string>;
  /** Setting id → ids of its mappings, for the method being modified. */
  existing: ReadonlyMap<number, ReadonlySet<number>>;
  /** Says which lead type the fields belong to, for messages. */
  leadFieldScope: string;
}

const SUBSTRING = /^\s*(\d{1,6})\s*(?:[,|]\s*(\d{1,6})\s*)?$/;

/** LeadFieldUID is a string in the seed's table and a number in its example: both are read. */
export function leadFieldIdOf(raw: number | string | undefined): number | null | undefined {
  if (raw === undefined || raw === '' || raw === 0) return null;
  const n = typeof raw === 'number' ? raw : /^\s*\d{1,10}\s*$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 2_147_483_647 ? n || null : undefined;
}

/**
 * Checks posted field settings against what each FieldType needs and turns them into changes. A
 * sent setting is written whole (absent properties take their defaults); its FieldMappings follow
 * the seed's Delete flags, and an absent FieldMappings keeps the setting's mappings.
 */
export function fieldSettingChanges(input: readonly FieldSettingInput[], ctx: FieldSettingContext): DeliveryChecked<FieldSettingChange[]> {
  const problems: DeliveryInputProblem[] = [];
  const changes: FieldSettingChange[] = [];
  const seen = new Set<number>();
  input.forEach((s, i) => {
    const at = `FieldSettings[${i}]`;
    const fail = (prop: string, message: string) => problems.push({ field: `${at}.${prop}`, message: `${at}${s.FieldName ? ` (${quoted(s.FieldName)})` : ''}: ${message}` });
    const id = s.DeliverySettingUID ?? 0;
    if (id !== 0 && (!ctx.existing.has(id) || seen.has(id))) return fail('DeliverySettingUID', `DeliverySettingUID ${id} is not a field setting of this method (send 0 for a new one)`);
    seen.add(id);
    if (s.Delete) {
      if (id !== 0) changes.push({ setting: emptySetting(id), delete: true });
      return; // deleting a setting that was never saved is a no-op
    }
    const fieldType = s.FieldType ?? 'Static Value';
    const fieldName = (s.FieldName ?? '').trim();
    if (!fieldName) return fail('FieldName', 'FieldName (the name sent to the buyer) is required');
    const leadFieldId = leadFieldIdOf(s.LeadFieldUID);
    if (leadFieldId === undefined) return fail('LeadFieldUID', `LeadFieldUID ${quoted(String(s.LeadFieldUID))} is not an identifier`);
    if (leadFieldId !== null && !ctx.leadFields.has(leadFieldId)) return fail('LeadFieldUID', `LeadFieldUID ${leadFieldId} is not a field of ${ctx.leadFieldScope}`);
    const value = s.Value ?? '';
    const expr = s.Expr ?? '';
    const problem = typeProblem(fieldType, leadFieldId, value, expr);
    if (problem) return fail(problem[0], `${fieldType}: ${problem[1]}`);

    let mappings: FieldSettingChange['mappings'];
    if (s.FieldMappings) {
      const known = ctx.existing.get(id) ?? new Set<number>();
      const upsert: FieldMappingRow[] = [];
      const deleteIds: number[] = [];
      const values = new Set<string>();
      for (const [j, m] of s.FieldMappings.entries()) {
        const mid = m.DeliveryMappingUID ?? 0;
        if (mid !== 0 && !known.has(mid)) return fail(`FieldMappings[${j}].DeliveryMappingUID`, `DeliveryMappingUID ${mid} is not a mapping of this setting (send 0 for a new one)`);
        if (m.Delete) {
          if (mid !== 0) deleteIds.push(mid);
          continue;
        }
        const fieldValue = m.FieldValue ?? '';
        const key = fieldValue.trim().toLowerCase();
        if (values.has(key)) return fail(`FieldMappings[${j}].FieldValue`, `FieldValue ${quoted(fieldValue)} is mapped twice`);
        values.add(key);
        upsert.push({ id: mid, fieldValue, deliveryValue: m.DeliveryValue ?? '' });
      }
      mappings = { upsert, deleteIds };
    }
    const hasMap = s.hasMap ?? (mappings ? mappings.upsert.length > 0 : false);
    changes.push({ setting: { id, fieldType, fieldName, value, leadFieldId, format: s.Format ?? '', expr, hasMap }, delete: false, mappings });
  });
  return checked(changes, problems);
}

/** What the FieldType needs that the setting lacks: [property, message], or undefined. */
function typeProblem(type: DeliveryFieldType, leadFieldId: number | null, value: string, expr: string): [string, string] | undefined {
  switch (type) {
    case 'Static Value':
      return undefined;
    case 'Lead Field':
      return leadFieldId === null ? ['LeadFieldUID', 'LeadFieldUID (the lead field to send) is required'] : undefined;
    case 'Sub-String':
      if (leadFieldId === null) return ['LeadFieldUID', 'LeadFieldUID (the lead field to cut) is required'];
      return SUBSTRING.test(expr) ? undefined : ['Expr', `Expr must be "start" or "start,length" (0-based), got ${quoted(expr)}`];
    case 'Custom Expr':
    case 'Evaluate Function': {
      if (!expr.trim()) return ['Expr', 'Expr (the expression) is required'];
      const problem = expressionProblem(expr.trim());
      return problem ? ['Expr', problem] : undefined;
    }
    case 'String Concatenation':
      if (!(expr || value).trim()) return ['Expr', 'Expr (a template such as "{FirstName} {LastName}") is required'];
      return balanced(expr || value) ? undefined : [expr ? 'Expr' : 'Value', 'the template has an unclosed { or ['];
    case 'Special Field':
    case 'Client Field':
    case 'Lead Source Field':
      return value.trim() ? undefined : ['Value', 'Value (the name of the field to send) is required'];
  }
}

function balanced(template: string): boolean {
  let open: string | undefined;
  for (const ch of template) {
    if (ch === '{' || ch === '[') {
      if (open) return false;
      open = ch === '{' ? '}' : ']';
    } else if (ch === open) open = undefined;
  }
  return open === undefined;
}

function emptySetting(id: number): FieldSettingRow {
  return { id, fieldType: 'Static Value', fieldName: '', value: '', leadFieldId: null, format: '', expr: '', hasMap: false };
}

/** Set Default Mappings: one Lead Field setting per field of the lead type, sent under the field's own name. */
export function defaultFieldSettings(fields: ReadonlyArray<{ id: number; name: string }>): FieldSettingRow[] {
  return fields.map((f) => ({ id: 0, fieldType: 'Lead Field', fieldName: f.name, value: '', leadFieldId: f.id, format: '', expr: '', hasMap: false }));
}
