import {
  leadFieldDataTypeFromStorage,
  LeadFieldDataType,
  LeadFieldSpecialBit,
  leadFieldSpecialBitFromStorage,
  leadFieldSpecialBitToStorage,
} from './lead-field-enums';

/**
 * lead_type_fields.settings, as the receiver reads it (libs/intake/data-access/src/lead-field-rules.ts
 * `FieldSettings`): these key names and value types are a contract with the receiver. The last
 * four keys are display properties of the seed the receiver ignores.
 */
export interface StoredLeadFieldSettings {
  /** Seed Status. */
  enabled?: boolean;
  computed?: boolean;
  computedExpr?: string;
  enumerated?: boolean;
  /** The enumerations' Descriptors, by Priority then id (lead_type_field_enums holds their UIDs). */
  enums?: string[];
  validation?: string;
  invalidChars?: string;
  /** Seed FmtError (client fields call it FormatError). */
  formatError?: string;
  formatString?: string;
  isState?: boolean;
  description?: string;
  colSpan?: number;
  width?: number;
  height?: number;
  [other: string]: unknown;
}

/** A lead_type_fields row. */
export interface StoredLeadField {
  id: number;
  leadTypeId: number;
  name: string;
  dataType: string;
  required: boolean;
  specialBit: string | null;
  settings: StoredLeadFieldSettings;
}

/** A lead_type_field_enums row. */
export interface StoredLeadFieldEnum {
  id: number;
  fieldId: number;
  descriptor: string;
  priority: number;
}

/** Seed 003 FieldEnum. */
export interface LeadFieldEnumView {
  LeadFieldEnumUID: number;
  LeadFieldUID: number;
  Descriptor: string;
  Priority: number;
  Delete: boolean;
}

/** Seed 003 "Fields for Lead Type" item. */
export interface LeadFieldView {
  LeadFieldUID: number;
  LeadTypeUID: number;
  Descriptor: string;
  FieldDataType: LeadFieldDataType;
  Required: boolean;
  Status: boolean;
  Computed: boolean;
  ComputedExpr: string;
  Enumerated: boolean;
  Validation: string;
  InvalidChars: string;
  FmtError: string;
  FormatString: string;
  isState: boolean;
  FieldDescription: string;
  ColSpan: number;
  Width: number;
  Height: number;
  SpecialBit: LeadFieldSpecialBit;
  FieldEnums: LeadFieldEnumView[];
}

/** The writable properties of a field (the PUT body's item, already type-checked). */
export interface LeadFieldInput {
  LeadFieldUID?: number;
  Descriptor?: string;
  FieldDataType?: LeadFieldDataType;
  Required?: boolean;
  Status?: boolean;
  Computed?: boolean;
  ComputedExpr?: string;
  Enumerated?: boolean;
  Validation?: string;
  InvalidChars?: string;
  FmtError?: string;
  FormatError?: string;
  FormatString?: string;
  isState?: boolean;
  FieldDescription?: string;
  ColSpan?: number;
  Width?: number;
  Height?: number;
  SpecialBit?: LeadFieldSpecialBit;
  FieldEnums?: LeadFieldEnumInput[];
  Delete?: boolean;
}

export interface LeadFieldEnumInput {
  LeadFieldEnumUID?: number;
  Descriptor?: string;
  Priority?: number;
  Delete?: boolean;
}

/** The columns of a field row to write (`settings.enums` as it was: the enum rows rewrite it). */
export interface LeadFieldRowValues {
  name: string;
  /** A LeadFieldDataType name, or the stored spelling when the request did not change it. */
  dataType: string;
  required: boolean;
  specialBit: string | null;
  settings: StoredLeadFieldSettings;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) ? v : 0);

/** Priority, then id: the order of FieldEnums and of settings.enums. */
export function sortLeadFieldEnums<E extends StoredLeadFieldEnum>(enums: readonly E[]): E[] {
  return [...enums].sort((a, b) => a.priority - b.priority || a.id - b.id);
}

/**
 * A stored field in the seed's shape. Enumerations come from their rows; a field written before
 * those rows existed (settings.enums only) shows them with LeadFieldEnumUID 0.
 */
export function leadFieldView(row: StoredLeadField, enums: readonly StoredLeadFieldEnum[]): LeadFieldView {
  const s = row.settings ?? {};
  const legacy = Array.isArray(s.enums) ? s.enums.map(String) : [];
  const fieldEnums: LeadFieldEnumView[] = enums.length
    ? sortLeadFieldEnums(enums).map((e) => ({ LeadFieldEnumUID: e.id, LeadFieldUID: row.id, Descriptor: e.descriptor, Priority: e.priority, Delete: false }))
    : legacy.map((d, i) => ({ LeadFieldEnumUID: 0, LeadFieldUID: row.id, Descriptor: d, Priority: i, Delete: false }));
  return {
    LeadFieldUID: row.id,
    LeadTypeUID: row.leadTypeId,
    Descriptor: row.name,
    FieldDataType: leadFieldDataTypeFromStorage(row.dataType),
    Required: !!row.required,
    // Same defaults as the receiver's toLeadFieldDefinition.
    Status: s.enabled ?? true,
    Computed: s.computed ?? false,
    ComputedExpr: str(s.computedExpr),
    Enumerated: s.enumerated ?? false,
    Validation: str(s.validation),
    InvalidChars: str(s.invalidChars),
    FmtError: str(s.formatError),
    FormatString: str(s.formatString),
    isState: s.isState ?? false,
    FieldDescription: str(s.description),
    ColSpan: int(s.colSpan),
    Width: int(s.width),
    Height: int(s.height),
    SpecialBit: leadFieldSpecialBitFromStorage(row.specialBit),
    FieldEnums: fieldEnums,
  };
}

/**
 * The row values after applying `input` to `current` (undefined when creating): omitted properties
 * keep their current value (or the seed's default: enabled Varchar, nothing special). Settings keys
 * other writers added, and `enums`, are kept.
 */
export function mergeLeadFieldInput(current: StoredLeadField | undefined, input: LeadFieldInput): LeadFieldRowValues {
  const was = current ? leadFieldView(current, []) : undefined;
  const pick = <K extends keyof LeadFieldView>(key: K, value: LeadFieldView[K] | undefined, fallback: LeadFieldView[K]): LeadFieldView[K] =>
    value !== undefined ? value : was ? was[key] : fallback;
  const keptSettings = current?.settings ?? {};
  const specialBit = pick('SpecialBit', input.SpecialBit, 'No_SpecialBit');
  return {
    name: input.Descriptor ?? current?.name ?? '',
    // An unchanged type keeps its stored spelling (the column's default 'Text' reads as Varchar).
    dataType: input.FieldDataType ?? current?.dataType ?? 'Varchar',
    required: pick('Required', input.Required, false),
    // Likewise for the bit (e.g. the receiver's 'NoSpecialBit' written by another tool).
    specialBit: input.SpecialBit === undefined && current ? current.specialBit : leadFieldSpecialBitToStorage(specialBit),
    settings: {
      ...keptSettings,
      enabled: pick('Status', input.Status, true),
      computed: pick('Computed', input.Computed, false),
      computedExpr: pick('ComputedExpr', input.ComputedExpr, ''),
      enumerated: pick('Enumerated', input.Enumerated, false),
      validation: pick('Validation', input.Validation, ''),
      invalidChars: pick('InvalidChars', input.InvalidChars, ''),
      formatError: pick('FmtError', input.FmtError ?? input.FormatError, ''),
      formatString: pick('FormatString', input.FormatString, ''),
      isState: pick('isState', input.isState, false),
      description: pick('FieldDescription', input.FieldDescription, ''),
      colSpan: pick('ColSpan', input.ColSpan, 0),
      width: pick('Width', input.Width, 0),
      height: pick('Height', input.Height, 0),
      enums: Array.isArray(keptSettings.enums) ? keptSettings.enums.map(String) : [],
    },
  };
}
