import { ClientFieldDataType, ClientFieldSpecialBit } from './client-enums';

/** The longest client field value stored (a note-sized text; longer is a 400, not a truncation). */
export const MAX_CLIENT_FIELD_VALUE_LENGTH = 4000;

/** What a value is checked against (Validation/InvalidChars regexes are operator-supplied and never run server-side). */
export interface ClientFieldRule {
  descriptor: string;
  dataType: ClientFieldDataType;
  enumerated: boolean;
  enums: readonly string[];
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BIT = /^(true|false|1|0|yes|no)$/i;
const INT_MAX = 2n ** 31n;
const BIGINT_MAX = 2n ** 63n;

function fitsInteger(text: string, bound: bigint): boolean {
  const n = BigInt(text.trim());
  return n >= -bound && n < bound;
}

/**
 * The value to store for a field, or an error saying why it is refused. An empty value clears the
 * field whatever its type. Enumerated fields take one of their enum descriptors (any case; the
 * descriptor's spelling is stored).
 */
export function checkClientFieldValue(rule: ClientFieldRule, value: string): { value: string } | { error: string } {
  if (value.length > MAX_CLIENT_FIELD_VALUE_LENGTH) return { error: `is longer than ${MAX_CLIENT_FIELD_VALUE_LENGTH} characters` };
  if (value === '') return { value };
  if (rule.enumerated) {
    const match = rule.enums.find((e) => e.toLowerCase() === value.trim().toLowerCase());
    return match !== undefined ? { value: match } : { error: `must be one of the enumerated values of ${rule.descriptor}: ${rule.enums.join(', ') || '(none defined)'}` };
  }
  const text = value.trim();
  switch (rule.dataType) {
    case 'Int':
      return INTEGER.test(text) && fitsInteger(text, INT_MAX) ? { value } : { error: `must be a 32-bit integer (${rule.descriptor} is Int)` };
    case 'Bigint':
      return INTEGER.test(text) && fitsInteger(text, BIGINT_MAX) ? { value } : { error: `must be a 64-bit integer (${rule.descriptor} is Bigint)` };
    case 'Bit':
      return BIT.test(text) ? { value } : { error: `must be true or false (${rule.descriptor} is Bit)` };
    case 'Money':
    case 'Decimal':
      return DECIMAL.test(text) ? { value } : { error: `must be a decimal number (${rule.descriptor} is ${rule.dataType})` };
    case 'Float':
      return FLOAT.test(text) ? { value } : { error: `must be a number (${rule.descriptor} is Float)` };
    case 'DateTime':
      return Number.isNaN(Date.parse(text)) ? { error: `must be a date and time (${rule.descriptor} is DateTime)` } : { value };
    default:
      return { value };
  }
}

/** A client's field values by their ClientFieldSpecialBit (Company, FirstName, Email, …). */
export type ClientSpecialValues = Partial<Record<ClientFieldSpecialBit, string>>;

/**
 * clients.name (seed 003's Info has no name; the active list answers one): the Company field,
 * else "FirstName LastName", else the portal username, else "Client <id>".
 */
export function clientDisplayName(special: ClientSpecialValues, username: string | null | undefined, id: number): string {
  const company = special.Company?.trim();
  if (company) return company;
  const person = [special.FirstName?.trim(), special.LastName?.trim()].filter(Boolean).join(' ');
  if (person) return person;
  return username?.trim() || `Client ${id}`;
}
