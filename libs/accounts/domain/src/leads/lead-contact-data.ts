/**
 * What "Remove Lead" strips (seed 003: "remove all contact based information from a lead record"):
 * names, email, phones, street address, IP, and direct identifiers (SSN, date of birth) and free-text
 * comments, which often carry any of those. City, state, zip and country stay: coarse geography is
 * what reports group by and does not reach the person.
 */
const CONTACT_SPECIAL_BITS: ReadonlySet<string> = new Set(
  [
    'FirstName', 'LastName', 'Email', 'PrimaryPhone', 'PrimaryPhoneExt', 'AlternatePhone', 'AlternatePhoneExt', 'MobilePhone',
    'FaxNumber', 'Address', 'Address2', 'StandardAddress', 'IPAddress', 'IPLat', 'IPLong', 'OrigFirstName', 'OrigLastName',
    'OrigAddress', 'OrigPhoneNumber', 'OrigIP', 'Comments',
  ].map((b) => b.toLowerCase()),
);

// Matched against the name lowercased with everything but letters and digits removed
// ("Primary_Phone" → "primaryphone"), for fields a lead type does not mark with a special bit.
const CONTACT_NAME_PATTERNS: readonly RegExp[] = [
  /^(?:[flm]|first|last|middle|full|given|family|sur|maiden|nick|contact|customer|spouse|cosigner|applicant|orig(?:first|last)?)?name\d*$/,
  /(?:^|[a-z])email(?:address)?\d*$/,
  /(?:phone|phonenumber|phoneext|mobile|mobilenumber|cell|cellnumber|cellphone|fax|faxnumber|telephone)\d*$/,
  /^tel\d*$/,
  /(?:address|addr|street|streetline)\d*$/,
  /^address(?:line)?\d*$/,
  /^(?:ip|ipv4|ipv6|clientip|userip|remoteip|origip|iplat|iplong|iplatitude|iplongitude)$/,
  /^(?:ssn|socialsecurity(?:number)?|dob|dateofbirth|birthdate|birthday)$/,
  /^comments?$/,
];

/** Call-lead properties that identify the caller (the recording is their voice). */
const CONTACT_PROPERTY_NAMES: ReadonlySet<string> = new Set(['recordingurl', 'callernumber', 'callerid', 'ani']);

export function isContactFieldName(name: string, specialBit?: string | null): boolean {
  if (specialBit && CONTACT_SPECIAL_BITS.has(specialBit.toLowerCase())) return true;
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return compact !== '' && CONTACT_NAME_PATTERNS.some((p) => p.test(compact));
}

/**
 * The keys of `fields` that hold contact data: by the lead type's special bits (keyed by the
 * field name lowercased) or by name.
 */
export function contactFieldNames(fields: Readonly<Record<string, unknown>>, specialBits: ReadonlyMap<string, string> = new Map()): string[] {
  return Object.keys(fields).filter((name) => isContactFieldName(name, specialBits.get(name.toLowerCase())));
}

/** The keys of a call lead's properties that hold contact data. */
export function contactPropertyNames(properties: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(properties).filter((k) => CONTACT_PROPERTY_NAMES.has(k.toLowerCase()) || isContactFieldName(k));
}

export const LEAD_REDACTION_MARK = '[removed]';

/** Values this short would match innocent text everywhere; they are only removed field by field. */
const MIN_REDACTABLE_LENGTH = 3;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spellings a value may have in a copy: as is, URL- and form-encoded, JSON- and XML-escaped, phone formats. */
function spellings(value: string): string[] {
  const out = new Set<string>([value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)]);
  out.add(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
  const digits = value.replace(/\D/g, '');
  if (digits.length === 10 && /^[\d\s().+-]+$/.test(value)) {
    const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
    for (const f of [digits, `1${digits}`, `+1${digits}`, `(${a}) ${b}-${c}`, `(${a})${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `${a} ${b} ${c}`]) out.add(f);
  }
  return [...out].filter((s) => s.length >= MIN_REDACTABLE_LENGTH);
}

/**
 * `text` with every occurrence of the values (in any spelling above, case-insensitively) replaced by
 * `[removed]`. Best effort for free text such as a buyer's response body: a value reformatted
 * beyond these spellings survives, which is why whole copies of a lead (request bodies) are
 * dropped instead.
 */
export function redactValues(text: string, values: readonly string[]): string {
  const all = [...new Set(values.flatMap((v) => spellings(v.trim())))].sort((a, b) => b.length - a.length);
  if (!all.length || !text) return text;
  return text.replace(new RegExp(all.map(escapeRegExp).join('|'), 'gi'), LEAD_REDACTION_MARK);
}
