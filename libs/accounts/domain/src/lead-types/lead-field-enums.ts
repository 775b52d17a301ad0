import { SeedEnum, seedEnum } from '../seed-enum';

/**
 * Seed 003 "Fields for Lead Type" FieldDataType (`data_type`). The receiver's FIELD_DATA_TYPES
 * (libs/intake/domain/src/fields/lead-field-definition.ts) are the same nine names, so the API
 * name is also what lead_type_fields.data_type stores.
 */
export const LEAD_FIELD_DATA_TYPE_NAMES = ['No_DataType', 'Int', 'Bigint', 'Bit', 'Money', 'Decimal', 'Float', 'DateTime', 'Varchar'] as const;
export type LeadFieldDataType = (typeof LEAD_FIELD_DATA_TYPE_NAMES)[number];
export const LEAD_FIELD_DATA_TYPE = seedEnum('data_type', LEAD_FIELD_DATA_TYPE_NAMES);

/** Seed 003 "Fields for Lead Type" SpecialBit (`system_field_bit`), in the seed's order (= numbers). */
const SEED_SPECIAL_BITS = [
  'No_SpecialBit', 'FirstName', 'LastName', 'Email', 'PrimaryPhone', 'Address', 'City', 'State', 'Zip', 'MobilePhone',
  'IPAddress', 'DirectTrackAffiliateID', 'DirectTrackCampaignID', 'ClientSendNotes', 'IndexDate', 'Address2', 'SubSource',
  'ForceID', 'SubSourceCategory', 'SubCategory', 'StandardAddress', 'StandardCity', 'StandardState', 'StandardZip',
  'Comments', 'Country', 'MobileCheck', 'ContactConsent', 'OrigFirstName', 'OrigLastName', 'OrigAddress', 'OrigCity',
  'OrigState', 'OrigPostalCode', 'OrigCountry', 'OrigPhoneNumber', 'IPLat', 'IPLong', 'OrigIP', 'ConsentText', 'Status',
  'LastAction', 'CurrentWorkflow', 'DateClosed', 'PipelineOneTimeFees', 'PipelineRecurringFees',
] as const;

/**
 * Bits the receiver normalises (its SPECIAL_BITS, from the seed's client-field SpecialBit list) that
 * the lead-type list lacks. Accepted as an extension, numbered after the seed's list, so a lead type
 * can use the receiver's phone/extension normalisation for AlternatePhone, FaxNumber...
 */
const RECEIVER_ONLY_SPECIAL_BITS = ['Company', 'PrimaryPhoneExt', 'AlternatePhone', 'AlternatePhoneExt', 'FaxNumber', 'JobTitle', 'WebSite'] as const;

export const LEAD_FIELD_SPECIAL_BIT_NAMES = [...SEED_SPECIAL_BITS, ...RECEIVER_ONLY_SPECIAL_BITS] as const;
export type LeadFieldSpecialBit = (typeof LEAD_FIELD_SPECIAL_BIT_NAMES)[number];

const specialBitBase = seedEnum('system_field_bit', LEAD_FIELD_SPECIAL_BIT_NAMES);
const bitByLooseName = new Map<string, LeadFieldSpecialBit>(LEAD_FIELD_SPECIAL_BIT_NAMES.map((n) => [looseKey(n), n]));

/** The SpecialBit enum, also accepting the client-field spelling `NoSpecialBit` (underscores ignored). */
export const LEAD_FIELD_SPECIAL_BIT: SeedEnum<LeadFieldSpecialBit> = {
  ...specialBitBase,
  parse: (value: unknown) => specialBitBase.parse(value) ?? (typeof value === 'string' ? bitByLooseName.get(looseKey(value)) : undefined),
};

function looseKey(name: string): string {
  return name.trim().replace(/_/g, '').toLowerCase();
}

/**
 * lead_type_fields.special_bit: NULL for No_SpecialBit (the receiver reads NULL as NoSpecialBit),
 * otherwise the name. The receiver matches names case-insensitively ignoring underscores and treats
 * the bits it does not normalise (IPAddress, Country...) as NoSpecialBit, so they are stored as-is
 * and read back unchanged.
 */
export function leadFieldSpecialBitToStorage(bit: LeadFieldSpecialBit): string | null {
  return bit === 'No_SpecialBit' ? null : bit;
}

/** A stored special_bit as the API name; NULL, empty and unknown spellings are No_SpecialBit. */
export function leadFieldSpecialBitFromStorage(raw: string | null | undefined): LeadFieldSpecialBit {
  if (!raw) return 'No_SpecialBit';
  return bitByLooseName.get(looseKey(raw)) ?? 'No_SpecialBit';
}

/** The receiver's aliases for older spellings (toFieldDataType): the table's default is 'Text'. */
const DATA_TYPE_ALIASES: Readonly<Record<string, LeadFieldDataType>> = {
  text: 'Varchar', string: 'Varchar', nvarchar: 'Varchar', integer: 'Int', boolean: 'Bit', date: 'DateTime',
};

/** A stored data_type as the API name, read the way the receiver reads it (unknown = No_DataType). */
export function leadFieldDataTypeFromStorage(raw: string | null | undefined): LeadFieldDataType {
  const key = (raw ?? '').trim().toLowerCase();
  return LEAD_FIELD_DATA_TYPE_NAMES.find((t) => t.toLowerCase() === key) ?? DATA_TYPE_ALIASES[key] ?? 'No_DataType';
}
