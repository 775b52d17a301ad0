import { readBody, WireBody } from './body';
import { normaliseBatch } from './normalise';
import { RawBag, RawBatch, RawLead, RawMember } from './raw-request';
import { BatchKind, isBatchKind, ParsedRequestMap } from './request-models';
import { fail, guard, quote, WIRE_LIMITS, WireResult } from './wire-error';

/**
 * Parses a JSON body of a receiver batch endpoint (seed 002: `{ source: {...}, leads: [{ properties, fields }] }`).
 * Never throws.
 */
export function parseJsonRequest<K extends BatchKind>(kind: K, body: WireBody): WireResult<ParsedRequestMap[K]> {
  return guard(() => {
    if (!isBatchKind(kind)) fail('unsupported', `unknown request kind ${quote(String(kind))}`);
    const root = parseJsonDocument(readBody(body));
    return normaliseBatch(kind, jsonToRaw(root));
  });
}

/** JSON.parse behind a nesting limit, with an error message that does not echo the body. Throws WireFailure. */
export function parseJsonDocument(text: string): unknown {
  checkJsonDepth(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (e: unknown) {
    const detail = e instanceof Error ? /^Unexpected token '(.)'|Unexpected end of JSON input|Bad control character|Unterminated string/.exec(e.message) : null;
    const why = detail ? (detail[1] !== undefined ? `: unexpected ${quote(detail[1])}` : `: ${detail[0].toLowerCase()}`) : '';
    return fail('malformed', `the request body is not valid JSON${why}`);
  }
}

/** Refuses documents nested deeper than the contract could need, before JSON.parse sees them. */
function checkJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > WIRE_LIMITS.maxJsonDepth) fail('too_large', `the JSON body is nested more than ${WIRE_LIMITS.maxJsonDepth} levels deep`);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function members(obj: Record<string, unknown>, path: string): RawMember[] {
  return Object.entries(obj).map(([key, value]) => {
    const p = path ? `${path}.${key}` : key;
    return { key, value, path: p, label: p };
  });
}

function bag(obj: Record<string, unknown>, path: string): RawBag {
  const naming = { pathFor: (n: string) => (path ? `${path}.${n}` : n), labelFor: (n: string) => (path ? `${path}.${n}` : n) };
  return new RawBag(members(obj, path), naming, true);
}

function jsonToRaw(root: unknown): RawBatch {
  if (!isObject(root)) fail('malformed', `the request body must be a JSON object with "source" and "leads", not ${describe(root)}`);
  const top = bag(root, '');
  const source = top.get('source')?.value;
  if (source === undefined || source === null) fail('invalid_field', 'source is required', 'source');
  if (!isObject(source)) fail('invalid_field', `source must be an object, not ${describe(source)}`, 'source');
  const leads = top.get('leads')?.value;
  if (leads === undefined || leads === null) fail('invalid_field', 'leads is required', 'leads');
  if (!Array.isArray(leads)) fail('invalid_field', `leads must be a list of leads, not ${describe(leads)}`, 'leads');
  if (leads.length > WIRE_LIMITS.maxLeadsPerRequest) {
    fail('too_large', `${leads.length} leads were sent; at most ${WIRE_LIMITS.maxLeadsPerRequest} are accepted per request`, 'leads');
  }
  return { source: bag(source, 'source'), leads: leads.map((lead: unknown, index) => jsonLead(lead, index)) };
}

function jsonLead(lead: unknown, index: number): RawLead {
  const path = `leads[${index}]`;
  if (!isObject(lead)) fail('invalid_field', `${path} must be an object, not ${describe(lead)}`, path);
  const top = bag(lead, path);
  const properties = top.get('properties')?.value;
  if (properties !== undefined && properties !== null && !isObject(properties)) {
    fail('invalid_field', `${path}.properties must be an object, not ${describe(properties)}`, `${path}.properties`);
  }
  const fields = top.get('fields')?.value;
  if (fields === undefined || fields === null) fail('invalid_field', `${path}.fields is required`, `${path}.fields`);
  if (!isObject(fields)) fail('invalid_field', `${path}.fields must be an object, not ${describe(fields)}`, `${path}.fields`);
  const fieldMembers = members(fields, `${path}.fields`);
  if (fieldMembers.length > WIRE_LIMITS.maxFieldsPerLead) {
    fail('too_large', `${path} has ${fieldMembers.length} fields; at most ${WIRE_LIMITS.maxFieldsPerLead} are accepted per lead`, `${path}.fields`);
  }
  return { index, path, label: path, properties: bag(isObject(properties) ? properties : {}, `${path}.properties`), fields: fieldMembers };
}
