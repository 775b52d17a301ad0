/**
 * A lead type's field as the operator defined it (seed 003, "Fields for Lead Type" and the client
 * field properties), in camelCase. `enabled` is the seed's Status.
 */
export const FIELD_DATA_TYPES = ['No_DataType', 'Int', 'Bigint', 'Bit', 'Money', 'Decimal', 'Float', 'DateTime', 'Varchar'] as const;
export type FieldDataType = (typeof FIELD_DATA_TYPES)[number];

/** The system fields a field can stand for (seed 003, client field SpecialBit "Expected Values"). */
export const SPECIAL_BITS = [
  'NoSpecialBit', 'Company', 'FirstName', 'LastName', 'Email', 'PrimaryPhone', 'PrimaryPhoneExt', 'AlternatePhone',
  'AlternatePhoneExt', 'Address', 'City', 'State', 'Zip', 'FaxNumber', 'Comments', 'JobTitle', 'WebSite', 'MobilePhone',
] as const;
export type SpecialBit = (typeof SPECIAL_BITS)[number];

export interface LeadFieldDefinition {
  name: string;
  dataType: FieldDataType;
  required: boolean;
  /** The seed's Status: a disabled field is treated as if it were not defined. */
  enabled: boolean;
  computed: boolean;
  computedExpr?: string;
  enumerated: boolean;
  /** The allowed values (the enums' Descriptors), in their canonical spelling. */
  enums: string[];
  /** Regular expression the normalised value must match (searched, like RegExp.test). */
  validation?: string;
  /** Regular expression of characters to strip before anything else. */
  invalidChars?: string;
  /** Message for a failed `validation`. */
  formatError?: string;
  /** Display format only: not applied at intake. */
  formatString?: string;
  specialBit: SpecialBit;
  /** The field holds a US state (normalised like SpecialBit State). */
  isState: boolean;
}

/** Names that must never become keys of a fields object (prototype pollution in consumers). */
export const UNSAFE_FIELD_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A definition with the seed's defaults (enabled Varchar, nothing special) for the omitted properties. */
export function defineLeadField(def: Partial<LeadFieldDefinition> & { name: string }): LeadFieldDefinition {
  return {
    dataType: 'Varchar',
    required: false,
    enabled: true,
    computed: false,
    enumerated: false,
    enums: [],
    specialBit: 'NoSpecialBit',
    isState: false,
    ...def,
  };
}

const DATA_TYPE_ALIASES: Record<string, FieldDataType> = { text: 'Varchar', string: 'Varchar', nvarchar: 'Varchar', integer: 'Int', boolean: 'Bit', date: 'DateTime' };

/** Stored or wire spelling to a data type, case-insensitively; unknown types check nothing (No_DataType). */
export function toFieldDataType(raw: string | null | undefined): FieldDataType {
  const key = (raw ?? '').trim().toLowerCase();
  return FIELD_DATA_TYPES.find((t) => t.toLowerCase() === key) ?? DATA_TYPE_ALIASES[key] ?? 'No_DataType';
}

/**
 * Stored or wire spelling to a SpecialBit, case-insensitively. The lead-type list spells the empty
 * value `No_SpecialBit` and has system bits (IPAddress, Country...) that need no normalisation
 * here; they map to NoSpecialBit.
 */
export function toSpecialBit(raw: string | null | undefined): SpecialBit {
  const key = (raw ?? '').trim().replace(/_/g, '').toLowerCase();
  return SPECIAL_BITS.find((b) => b.toLowerCase() === key) ?? 'NoSpecialBit';
}
