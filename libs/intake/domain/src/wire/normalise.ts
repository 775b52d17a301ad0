import { hasOnlyAllowedChars } from './body';
import { RawBag, RawBatch, RawLead, RawMember } from './raw-request';
import {
  BatchKind,
  CallDataProperties,
  DuplicateCheckSource,
  InsertProperties,
  InsertSource,
  ParsedLead,
  ParsedRequestMap,
  PingProperties,
  PingSource,
  UpdateProperties,
  UpdateSource,
} from './request-models';
import { fail, quote, WIRE_LIMITS } from './wire-error';

/** Field names refused because assigning them to a plain object is unsafe or surprising. */
export const RESERVED_FIELD_NAMES: readonly string[] = Object.freeze(['__proto__', 'constructor', 'prototype']);

/** Lead-field / property alias for `offerIds` (Lead Prosper's consent field, seed 001). */
export const LP_CONSENT_BIDS = 'lp_consent_bids';

/** Validates a raw batch for one endpoint and returns its normalised model. Throws WireFailure. */
export function normaliseBatch<K extends BatchKind>(kind: K, raw: RawBatch): ParsedRequestMap[K] {
  if (raw.leads.length === 0) fail('invalid_field', 'leads must contain at least one lead', 'leads');
  if (raw.leads.length > WIRE_LIMITS.maxLeadsPerRequest) {
    fail('too_large', `${raw.leads.length} leads were sent; at most ${WIRE_LIMITS.maxLeadsPerRequest} are accepted per request`, 'leads');
  }
  if (!Object.hasOwn(NORMALISERS, kind)) fail('unsupported', `unknown request kind ${quote(String(kind))}`);
  return NORMALISERS[kind](raw);
}

const NORMALISERS: { [K in BatchKind]: (raw: RawBatch) => ParsedRequestMap[K] } = {
  general: (raw) => ({ kind: 'general', source: insertSource(raw.source), leads: raw.leads.map(insertLead) }),
  transfer: (raw) => ({ kind: 'transfer', source: insertSource(raw.source), leads: raw.leads.map(insertLead) }),
  calldata: (raw) => ({ kind: 'calldata', source: insertSource(raw.source), leads: raw.leads.map(callDataLead) }),
  update: (raw) => ({ kind: 'update', source: updateSource(raw.source), leads: raw.leads.map(updateLead) }),
  ping: (raw) => ({ kind: 'ping', source: pingSource(raw.source), leads: raw.leads.map(pingLead) }),
  duplicate: (raw) => ({
    kind: 'duplicate',
    source: duplicateSource(raw.source),
    leads: raw.leads.map((lead) => ({ properties: {}, fields: fields(lead, false).values })),
  }),
};

// ---- source -------------------------------------------------------------------------------------

function updateSource(bag: RawBag): UpdateSource {
  return { vid: requiredId(bag, 'vid'), lid: requiredId(bag, 'lid') };
}

function pingSource(bag: RawBag): PingSource {
  const source: PingSource = { vid: requiredId(bag, 'vid'), lid: requiredId(bag, 'lid') };
  const aid = optionalId(bag, 'aid');
  if (aid !== undefined) source.aid = aid;
  return source;
}

function duplicateSource(bag: RawBag): DuplicateCheckSource {
  return { vid: requiredId(bag, 'vid'), lid: requiredId(bag, 'lid'), aid: requiredId(bag, 'aid') };
}

function insertSource(bag: RawBag): InsertSource {
  const source: InsertSource = { ...pingSource(bag), sendDelay: 0 };
  const delay = member(bag, 'sendDelay');
  if (!isAbsent(delay.value)) source.sendDelay = decimal(delay, 0, WIRE_LIMITS.maxSendDelayHours, 'hours');
  const returnURL = url(member(bag, 'returnURL'));
  if (returnURL !== undefined) source.returnURL = returnURL;
  return source;
}

// ---- leads --------------------------------------------------------------------------------------

function insertLead(lead: RawLead): ParsedLead<InsertProperties> {
  const p = lead.properties;
  const properties: InsertProperties = { noSell: bool(member(p, 'noSell'), false), offerIds: [] };
  const reference = text(member(p, 'reference'), WIRE_LIMITS.maxReferenceLength);
  if (reference) properties.reference = reference;
  const orderId = text(member(p, 'orderId'), WIRE_LIMITS.maxOrderIdLength);
  if (orderId) properties.orderId = orderId;
  const leadFields = fields(lead, true);
  properties.offerIds = offerIds(lead, leadFields.consentBids);
  return { properties, fields: leadFields.values };
}

function callDataLead(lead: RawLead): ParsedLead<CallDataProperties> {
  const base = insertLead(lead);
  const p = lead.properties;
  const callResult = text(member(p, 'callResult'), WIRE_LIMITS.maxCallResultLength);
  if (callResult === undefined) missing(member(p, 'callResult'));
  const duration = member(p, 'callDuration');
  if (isAbsent(duration.value)) missing(duration);
  const properties: CallDataProperties = {
    ...base.properties,
    ivrNumber: phone(member(p, 'ivrNumber')),
    callDuration: decimal(duration, 0, 2_147_483_647, 'seconds', true),
    callResult,
  };
  const callDate = date(member(p, 'callDate'));
  if (callDate !== undefined) properties.callDate = callDate;
  const recordingUrl = url(member(p, 'recordingUrl'));
  if (recordingUrl !== undefined) properties.recordingUrl = recordingUrl;
  return { properties, fields: base.fields };
}

function updateLead(lead: RawLead): ParsedLead<UpdateProperties> {
  const p = lead.properties;
  return {
    properties: { leadUID: requiredId(p, 'leadUID'), processDelivery: bool(member(p, 'processDelivery'), false) },
    fields: fields(lead, false).values,
  };
}

function pingLead(lead: RawLead): ParsedLead<PingProperties> {
  const properties: PingProperties = {};
  const reference = text(member(lead.properties, 'reference'), WIRE_LIMITS.maxReferenceLength);
  if (reference) properties.reference = reference;
  return { properties, fields: fields(lead, false).values };
}

/**
 * `offerIds` with its aliases `properties.lp_consent_bids` and the lead field `lp_consent_bids`.
 * When several are sent they must list the same ids in the same order.
 */
function offerIds(lead: RawLead, fromField: RawMember | undefined): string[] {
  const p = lead.properties;
  const candidates: Array<{ label: string; ids: string[] }> = [];
  const direct = member(p, 'offerIds');
  if (!isAbsent(direct.value)) candidates.push({ label: direct.label, ids: idList(direct, false) });
  const alias = member(p, LP_CONSENT_BIDS);
  if (!isAbsent(alias.value)) candidates.push({ label: alias.label, ids: idList(alias, true) });
  if (fromField && !isAbsent(fromField.value)) candidates.push({ label: fromField.label, ids: idList(fromField, true) });
  const given = candidates.filter((c) => c.ids.length > 0);
  const first = given[0];
  if (!first) return [];
  for (const other of given.slice(1)) {
    if (other.ids.join('\u0000') !== first.ids.join('\u0000')) {
      fail('invalid_field', `${first.label} and ${other.label} list different offers; send the selected offer ids once`, direct.path);
    }
  }
  return first.ids;
}

function idList(m: RawMember, delimitedStringAllowed: boolean): string[] {
  let items: unknown[];
  if (Array.isArray(m.value)) items = m.value;
  else if (typeof m.value === 'string' && delimitedStringAllowed) items = m.value.split(/[|,]/);
  else return fail('invalid_field', `${m.label} must be a list of offer ids`, m.path);
  const ids: string[] = [];
  for (const item of items) {
    let id: string;
    if (typeof item === 'string') id = item.trim();
    else if (typeof item === 'number' && Number.isSafeInteger(item)) id = String(item);
    else return fail('invalid_field', `${m.label} must contain only offer ids (strings)`, m.path);
    if (id === '') continue;
    if (id.length > WIRE_LIMITS.maxOfferIdLength) {
      fail('invalid_field', `${m.label} contains an offer id longer than ${WIRE_LIMITS.maxOfferIdLength} characters`, m.path);
    }
    if (!hasOnlyAllowedChars(id)) fail('invalid_field', `${m.label} contains characters that are not allowed`, m.path);
    if (!ids.includes(id)) ids.push(id);
    if (ids.length > WIRE_LIMITS.maxOfferIds) {
      fail('too_large', `${m.label} lists more than ${WIRE_LIMITS.maxOfferIds} offers`, m.path);
    }
  }
  return ids;
}

function fields(lead: RawLead, consentAlias: boolean): { values: Record<string, string>; consentBids?: RawMember } {
  if (lead.fields.length > WIRE_LIMITS.maxFieldsPerLead) {
    fail('too_large', `${lead.label} has ${lead.fields.length} fields; at most ${WIRE_LIMITS.maxFieldsPerLead} are accepted per lead`, `${lead.path}.fields`);
  }
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  let consentBids: RawMember | undefined;
  for (const f of lead.fields) {
    const name = f.key;
    if (name.trim() === '') fail('invalid_field', `${lead.label} has a field with an empty name`, `${lead.path}.fields`);
    if (name.length > WIRE_LIMITS.maxFieldNameLength) {
      fail('invalid_field', `${lead.label} has a field name longer than ${WIRE_LIMITS.maxFieldNameLength} characters: ${quote(name)}`, `${lead.path}.fields`);
    }
    if (!hasOnlyAllowedChars(name)) fail('invalid_field', `${lead.label} has a field name with characters that are not allowed`, `${lead.path}.fields`);
    if (RESERVED_FIELD_NAMES.includes(name)) {
      fail('invalid_field', `${f.label}: ${quote(name)} is a reserved name and cannot be used as a field name`, f.path);
    }
    if (seen.has(name)) fail('invalid_field', `${f.label} is given more than once`, f.path);
    seen.add(name);
    if (consentAlias && name.toLowerCase() === LP_CONSENT_BIDS) {
      if (consentBids) fail('invalid_field', `${f.label} is given more than once`, f.path);
      consentBids = f;
      continue;
    }
    values[name] = fieldValue(f);
  }
  return consentBids ? { values, consentBids } : { values };
}

function fieldValue(f: RawMember): string {
  const v = f.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return numberText(f, v);
  if (typeof v === 'string') {
    checkText(f, v, WIRE_LIMITS.maxFieldValueLength);
    return v;
  }
  const what = Array.isArray(v) ? 'a list' : 'an object';
  return fail('invalid_field', `${f.label} must be a string, number or boolean, not ${what}`, f.path);
}

// ---- scalar readers ---------------------------------------------------------------------------

function member(bag: RawBag, name: string): RawMember {
  return bag.get(name) ?? { key: name, value: undefined, path: bag.naming.pathFor(name), label: bag.naming.labelFor(name) };
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function missing(m: RawMember): never {
  return fail('invalid_field', `${m.label} is required`, m.path);
}

const DIGITS = /^\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Platform ids (vid, lid, aid, leadUID): positive whole numbers, as JSON numbers or digit strings. 0 means "not sent". */
export function idValue(m: RawMember): number | undefined {
  const v = m.value;
  if (isAbsent(v)) return undefined;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && DIGITS.test(v.trim())) n = Number(v.trim());
  else if (typeof v === 'string' && DECIMAL.test(v.trim())) n = Number(v.trim());
  else return fail('invalid_field', `${m.label} must be a number`, m.path);
  if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) return fail('invalid_field', `${m.label} is out of range`, m.path);
  if (!Number.isInteger(n) || n < 0) return fail('invalid_field', `${m.label} must be a positive whole number`, m.path);
  return n === 0 ? undefined : n;
}

function requiredId(bag: RawBag, name: string): number {
  const m = member(bag, name);
  const id = idValue(m);
  return id === undefined ? missing(m) : id;
}

function optionalId(bag: RawBag, name: string): number | undefined {
  return idValue(member(bag, name));
}

function decimal(m: RawMember, min: number, max: number, unit: string, integer = false): number {
  const v = m.value;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && DECIMAL.test(v.trim())) n = Number(v.trim());
  else return fail('invalid_field', `${m.label} must be a number`, m.path);
  if (!Number.isFinite(n) || n < min || n > max) return fail('invalid_field', `${m.label} must be between ${min} and ${max} ${unit}`, m.path);
  if (integer && !Number.isInteger(n)) return fail('invalid_field', `${m.label} must be a whole number of ${unit}`, m.path);
  return n;
}

function bool(m: RawMember, fallback: boolean): boolean {
  const v = m.value;
  if (isAbsent(v)) return fallback;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  return fail('invalid_field', `${m.label} must be true or false`, m.path);
}

function numberText(m: RawMember, n: number): string {
  if (!Number.isFinite(n)) return fail('invalid_field', `${m.label} is a number out of range`, m.path);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    return fail('invalid_field', `${m.label} is a number too large to keep exactly; send it as a string`, m.path);
  }
  return String(n);
}

function checkText(m: RawMember, s: string, max: number): void {
  if (s.length > max) fail('too_large', `${m.label} is longer than ${max} characters`, m.path);
  if (!hasOnlyAllowedChars(s)) fail('invalid_field', `${m.label} contains characters that are not allowed (control characters or invalid UTF-8)`, m.path);
}

/** Optional string property; numbers are accepted and written as text. undefined when not sent (null counts as not sent). */
export function text(m: RawMember, max: number): string | undefined {
  const v = m.value;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return numberText(m, v);
  if (typeof v !== 'string') return fail('invalid_field', `${m.label} must be a string`, m.path);
  checkText(m, v, max);
  return v;
}

function url(m: RawMember): string | undefined {
  const s = text(m, WIRE_LIMITS.maxUrlLength)?.trim();
  if (!s) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(s);
  } catch {
    return fail('invalid_field', `${m.label} must be an absolute http or https URL`, m.path);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail('invalid_field', `${m.label} must be an absolute http or https URL`, m.path);
  }
  return s;
}

const PHONE = /^\+?[\d ().-]{1,32}$/;

function phone(m: RawMember): string {
  const v = m.value;
  if (isAbsent(v)) return missing(m);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) return fail('invalid_field', `${m.label} must be a phone number`, m.path);
    return String(v);
  }
  if (typeof v !== 'string') return fail('invalid_field', `${m.label} must be a phone number`, m.path);
  const s = v.trim();
  if (!PHONE.test(s) || !/\d/.test(s)) return fail('invalid_field', `${m.label} must be a phone number`, m.path);
  return s;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?[AaPp][Mm])?)?$/;

/** A date as sent: ISO 8601 (`2024-08-29T16:25:12Z`, `2024-08-29 16:25`) or US `8/29/2024 4:25 PM`. */
function date(m: RawMember): string | undefined {
  const s = text(m, 64)?.trim();
  if (!s) return undefined;
  const iso = ISO_DATE.exec(s);
  const us = iso ? undefined : US_DATE.exec(s);
  const parts = iso ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]] : us ? [us[3], us[1], us[2], us[4], us[5], us[6]] : undefined;
  if (!parts) return fail('invalid_field', `${m.label} must be a date such as 2024-08-29T16:25:12Z`, m.path);
  const [year, month, day, hour, minute, second] = parts.map((p) => (p === undefined ? 0 : Number(p)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ok = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
  if (!ok) return fail('invalid_field', `${m.label} is not a valid date`, m.path);
  return s;
}
