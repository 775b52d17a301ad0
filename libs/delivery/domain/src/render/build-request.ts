import { compilePattern, isExpressionError } from '@leadx/catalog-expressions';
import { RenderedField } from './render-fields';

const PLACEHOLDER = /\{([^{}\r\n]{1,128})\}|\[([^[\]\r\n]{1,128})\]/g;

/** An HTTP request ready to send. */
export interface OutboundHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The HTTP delivery kinds the worker renders. */
export type HttpDeliveryKind = 'HTTP_POST' | 'HTTP_GET' | 'JSON' | 'SOAP' | 'SALESEXEC';

function lookupField(fields: readonly RenderedField[], name: string): string | undefined {
  const key = name.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === key)?.value;
}

/** JSON string content (no quotes): placeholders usually sit inside the template's quotes. */
export function escapeJson(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** A template is JSON when it starts with `{` or `[` after whitespace, otherwise XML. */
export function isJsonTemplate(template: string): boolean {
  return /^\s*[{[]/.test(template);
}

/**
 * Substitutes `{FieldName}` / `[FieldName]` placeholders naming a RENDERED field with its value,
 * escaped for the template's syntax (JSON string content or XML text). Placeholders naming no field
 * are left as written, so the template's own braces and brackets survive.
 */
export function fillPayloadTemplate(template: string, fields: readonly RenderedField[]): string {
  const escape = isJsonTemplate(template) ? escapeJson : escapeXml;
  return template.replace(PLACEHOLDER, (m, a: string | undefined, b: string | undefined) => {
    const value = lookupField(fields, (a ?? b ?? '').trim());
    return value === undefined ? m : escape(value);
  });
}

/**
 * The request for one HTTP delivery: POST form-urlencoded, GET with the fields in the query
 * string, XML / JSON with the method's template (or a JSON object of the fields when it has none),
 * SOAP with the XML template and a SOAPAction header (from a field named SOAPAction, else "").
 * SalesExec (LeadExec's CRM; the seed documents no wire format): POST of a JSON object of the
 * rendered fields under the names the method's field settings give them; the XML field is not used.
 */
export function buildHttpRequest(kind: HttpDeliveryKind, address: string, template: string, fields: readonly RenderedField[]): OutboundHttpRequest {
  const form = new URLSearchParams(fields.map((f) => [f.name, f.value] as [string, string]));
  switch (kind) {
    case 'HTTP_POST':
      return { method: 'POST', url: address, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
    case 'HTTP_GET': {
      const url = new URL(address);
      for (const [k, v] of form) url.searchParams.append(k, v);
      return { method: 'GET', url: url.toString(), headers: {} };
    }
    case 'JSON': {
      if (!template.trim()) {
        const body = JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, f.value])));
        return { method: 'POST', url: address, headers: { 'content-type': 'application/json' }, body };
      }
      const json = isJsonTemplate(template);
      const body = fillPayloadTemplate(template, fields);
      return { method: 'POST', url: address, headers: { 'content-type': json ? 'application/json' : 'application/xml' }, body };
    }
    case 'SALESEXEC':
      return { method: 'POST', url: address, headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, f.value]))) };
    case 'SOAP': {
      const action = lookupField(fields, 'SOAPAction') ?? '';
      return {
        method: 'POST',
        url: address,
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: JSON.stringify(action) },
        body: fillPayloadTemplate(template, fields),
      };
    }
  }
}

/** Whether the buyer's answer says it accepted: ResponseSearch as text, or (useRegEx) a safe pattern. */
export function responseMatches(body: string, search: string, isRegex: boolean): { matched: boolean; error?: string } {
  if (!search) return { matched: true };
  if (!isRegex) return { matched: body.includes(search) };
  const pattern = compilePattern(search, { ignoreCase: true });
  if (isExpressionError(pattern)) return { matched: false, error: `ResponseSearch is not a valid pattern: ${pattern.message}` };
  try {
    return { matched: pattern.test(body) };
  } catch (err) {
    return { matched: false, error: err instanceof Error ? err.message : String(err) };
  }
}

const PRICE_KEYS = ['price', 'payout', 'amount'];
const REDIRECT_KEYS = ['redirect_url', 'redirecturl', 'redirect'];

/**
 * Price and redirect URL from a buyer's answer, where the buyer sends them (the seed has no
 * configuration for this): top-level JSON keys or XML elements named price/payout/amount and
 * redirect_url/redirectUrl/redirect, case-insensitive. A redirect must be an absolute http(s) URL.
 */
export function readBuyerAnswer(body: string): { price?: number; redirectUrl?: string } {
  const out: { price?: number; redirectUrl?: string } = {};
  const take = (key: string, raw: unknown) => {
    const k = key.toLowerCase();
    if (out.price === undefined && PRICE_KEYS.includes(k)) {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
      if (Number.isFinite(n) && n >= 0) out.price = n;
    } else if (out.redirectUrl === undefined && REDIRECT_KEYS.includes(k) && typeof raw === 'string' && /^https?:\/\/\S+$/i.test(raw.trim())) {
      out.redirectUrl = raw.trim();
    }
  };
  const text = body.slice(0, 65_536).trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) for (const [k, v] of Object.entries(parsed)) take(k, v);
    } catch {
      // not JSON after all: nothing to read
    }
    return out;
  }
  // Bounded, non-nested element scan: simple tags only, no backtracking across tags.
  const element = /<([A-Za-z_][\w.-]{0,63})(?:\s[^<>]{0,512})?>([^<]{0,2048})<\/\1>/g;
  for (const m of text.matchAll(element)) take(m[1], unescapeXml(m[2]));
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '');
}
