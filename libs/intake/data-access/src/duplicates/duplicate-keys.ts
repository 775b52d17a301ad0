import { createHash } from 'node:crypto';

/**
 * Pure part of duplicate detection: how a lead's fields become one key per duplicate set.
 *
 * A duplicate set (seed 003 lead type "DefaultDupSets") is a list of lead field names; two leads
 * of the same lead type are duplicates under a set when every field of the set is present in both
 * and equal after normalisation. Field names match case-insensitively.
 */
export interface DuplicateSetDefinition {
  /** Row id in lead_type_duplicate_sets; null for a built-in default set. */
  id: number | null;
  name: string;
  fields: readonly string[];
}

/** One key of a lead: the set it comes from and its hash (what lead_duplicate_keys stores). */
export interface DuplicateKey {
  setId: number | null;
  setName: string;
  /** SHA-256 of the set's field names and the lead's normalised values (32 bytes). */
  hash: Buffer;
}

/**
 * Used when a lead type has no duplicate sets, so a campaign's DupDayMax works out of the box: the
 * same email, or the same primary phone, within the window is a duplicate (the fields the platform
 * marks with those special bits, and what lead sources dedupe on in practice).
 */
export const DEFAULT_DUPLICATE_SETS: readonly DuplicateSetDefinition[] = [
  { id: null, name: 'Email', fields: ['Email'] },
  { id: null, name: 'PrimaryPhone', fields: ['PrimaryPhone'] },
];

const PHONE_FIELD = /phone|mobile|cell|fax/i;
const POSTAL_FIELD = /zip|postal|postcode/i;

/**
 * The comparable form of a value, or '' when nothing comparable is left (the field then counts as
 * absent). Every value: Unicode NFKC, trimmed, inner whitespace collapsed, lowercased, so
 * "Ada@Example.com " equals "ada@example.com". Phone-like field names (phone, mobile, cell, fax):
 * digits only, without the NANP country code 1, so "+1 (512) 555-0100" equals "5125550100".
 * Postal-code-like names (zip, postal, postcode): spaces and dashes removed, and a US ZIP+4 is cut
 * to its five-digit ZIP, so "73301-1234" equals "73301".
 */
export function normaliseDuplicateValue(fieldName: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value).normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (PHONE_FIELD.test(fieldName)) {
    const digits = text.replace(/\D/g, '');
    return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  }
  if (POSTAL_FIELD.test(fieldName)) {
    const compact = text.replace(/[\s-]/g, '');
    return /^\d{9}$/.test(compact) ? compact.slice(0, 5) : compact;
  }
  return text;
}

/**
 * The keys of a lead: one per set whose fields are all present (non-empty after normalisation).
 * The hash covers the set's field names (lowercased, sorted) and values, not the set's id, so two
 * sets over the same fields give the same key and renaming or recreating a set keeps history.
 */
export function duplicateKeys(sets: readonly DuplicateSetDefinition[], fields: Readonly<Record<string, unknown>>): DuplicateKey[] {
  const byName = new Map<string, unknown>();
  for (const [name, value] of Object.entries(fields)) {
    const lower = name.toLowerCase();
    // Two spellings of one field: the first non-empty one wins.
    if (!byName.has(lower) || normaliseDuplicateValue(name, byName.get(lower)) === '') byName.set(lower, value);
  }
  const keys: DuplicateKey[] = [];
  const seen = new Set<string>();
  for (const set of sets) {
    const names = [...new Set(set.fields.map((f) => f.trim().toLowerCase()))].filter((f) => f !== '').sort();
    if (names.length === 0) continue;
    const values = names.map((n) => normaliseDuplicateValue(n, byName.get(n)));
    if (values.some((v) => v === '')) continue;
    const hash = createHash('sha256').update(JSON.stringify([names, values])).digest();
    const hex = hash.toString('hex');
    if (seen.has(hex)) continue;
    seen.add(hex);
    keys.push({ setId: set.id, setName: set.name, hash });
  }
  return keys;
}

/** The advisory-lock id of a key: its first 8 bytes as a signed bigint (decimal text for SQL). */
export function duplicateLockId(key: DuplicateKey): bigint {
  return key.hash.readBigInt64BE(0);
}
