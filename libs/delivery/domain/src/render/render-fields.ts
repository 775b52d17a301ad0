import { compileExpression, isExpressionError, toText } from '@leadx/catalog-expressions';

/** Seed 003 field_type of a delivery field setting, as account-admin stores it. */
export type DeliveryFieldType =
  | 'Static Value'
  | 'Lead Field'
  | 'Special Field'
  | 'Custom Expr'
  | 'Sub-String'
  | 'String Concatenation'
  | 'Client Field'
  | 'Lead Source Field'
  | 'Evaluate Function';

/** One row of delivery_method_settings with its value mappings, lead field resolved to its name. */
export interface DeliveryFieldSetting {
  fieldType: DeliveryFieldType | string;
  /** The outbound name sent to the buyer. */
  fieldName: string;
  value: string;
  /** Name of the lead field (Lead Field, Sub-String), null when the setting names none. */
  leadFieldName: string | null;
  format: string;
  expr: string;
  hasMap: boolean;
  mappings: ReadonlyArray<{ fieldValue: string; deliveryValue: string }>;
}

/** What a setting may read. Every record is plain data; names are looked up case-insensitively. */
export interface RenderContext {
  lead: Readonly<Record<string, string>>;
  /** Facts about the send (LeadUID, Price, ...): see README. */
  special: Readonly<Record<string, string>>;
  client: Readonly<Record<string, string>>;
  leadSource: Readonly<Record<string, string>>;
  /** Method inTesting: lead field name → test value, read instead of the lead's value. */
  testValues?: Readonly<Record<string, string>>;
  inTesting: boolean;
  now?: () => Date;
}

export interface RenderedField {
  name: string;
  value: string;
}

export interface RenderResult {
  fields: RenderedField[];
  /** Settings that could not be computed (sent as empty text, never dropped silently). */
  problems: string[];
}

const SUBSTRING = /^\s*(\d{1,6})\s*(?:[,|]\s*(\d{1,6})\s*)?$/;
const PLACEHOLDER = /\{([^{}\r\n]{1,128})\}|\[([^[\]\r\n]{1,128})\]/g;

/** Case-insensitive own-property lookup: operators type names as they please. */
export function lookup(record: Readonly<Record<string, string>>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(record, name)) {
    const v = record[name];
    return typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v);
  }
  const key = name.trim().toLowerCase();
  for (const k of Object.keys(record)) {
    if (k.toLowerCase() === key) {
      const v = record[k];
      return typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v);
    }
  }
  return undefined;
}

/** The lead as the method sees it: in testing, test values replace the lead's where available. */
export function leadView(ctx: RenderContext): Record<string, string> {
  const view: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.lead)) if (v !== undefined && v !== null) view[k] = String(v);
  if (ctx.inTesting && ctx.testValues) {
    for (const [k, v] of Object.entries(ctx.testValues)) {
      const existing = Object.keys(view).find((x) => x.toLowerCase() === k.toLowerCase());
      view[existing ?? k] = v;
    }
  }
  return view;
}

/**
 * Builds the outbound fields of a lead from the method's field settings, in order. A setting's raw
 * value is computed from its FieldType; a value mapping (when hasMap) replaces it by the buyer's
 * code; otherwise its Format is applied. Nothing operator-written is run except through the safe
 * expression engine.
 */
export function renderFields(settings: readonly DeliveryFieldSetting[], ctx: RenderContext): RenderResult {
  const lead = leadView(ctx);
  const problems: string[] = [];
  const fields: RenderedField[] = [];
  for (const s of settings) {
    const fail = (message: string) => problems.push(`${s.fieldName} (${s.fieldType}): ${message}`);
    const raw = rawValue(s, ctx, lead, fail);
    const mapped = s.hasMap ? mapValue(raw, s.mappings) : undefined;
    fields.push({ name: s.fieldName, value: mapped ?? applyFormat(raw, s.format, fail) });
  }
  return { fields, problems };
}

function rawValue(s: DeliveryFieldSetting, ctx: RenderContext, lead: Record<string, string>, fail: (m: string) => void): string {
  switch (s.fieldType) {
    case 'Static Value':
      return s.value;
    case 'Lead Field':
      return s.leadFieldName === null ? (fail('no lead field'), '') : (lookup(lead, s.leadFieldName) ?? '');
    case 'Sub-String': {
      const text = s.leadFieldName === null ? '' : (lookup(lead, s.leadFieldName) ?? '');
      const m = SUBSTRING.exec(s.expr);
      if (!m) return fail(`Expr ${JSON.stringify(s.expr)} is not "start[,length]"`), '';
      const start = Number(m[1]);
      return m[2] === undefined ? text.slice(start) : text.slice(start, start + Number(m[2]));
    }
    case 'Special Field':
      return lookup(ctx.special, s.value) ?? (fail(`unknown special field ${JSON.stringify(s.value)}`), '');
    case 'Client Field':
      return lookup(ctx.client, s.value) ?? (fail(`unknown client field ${JSON.stringify(s.value)}`), '');
    case 'Lead Source Field':
      return lookup(ctx.leadSource, s.value) ?? (fail(`unknown lead source field ${JSON.stringify(s.value)}`), '');
    case 'String Concatenation':
      return fillTemplate(s.expr || s.value, (name) => lookup(lead, name) ?? lookup(ctx.special, name));
    case 'Custom Expr':
    case 'Evaluate Function': {
      const compiled = compileExpression((s.expr || s.value).trim());
      if (isExpressionError(compiled)) return fail(compiled.message), '';
      try {
        const result = compiled.evaluate({ ...ctx.special, ...lead }, ctx.now ? { now: ctx.now } : undefined);
        return result === null ? '' : toText(result);
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err)), '';
      }
    }
    default:
      return fail('unknown FieldType'), '';
  }
}

/** Mapped value of `raw` (FieldValue compared trimmed, case-insensitively), undefined when unmapped. */
export function mapValue(raw: string, mappings: DeliveryFieldSetting['mappings']): string | undefined {
  const key = raw.trim().toLowerCase();
  return mappings.find((m) => m.fieldValue.trim().toLowerCase() === key)?.deliveryValue;
}

/** `{Name}` or `[Name]` replaced by resolve(Name); unknown names become empty text. */
export function fillTemplate(template: string, resolve: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (_m, a: string | undefined, b: string | undefined) => resolve((a ?? b ?? '').trim()) ?? '');
}

const DATE_TOKENS = /yyyy|yy|MM|dd|HH|mm|ss/;
const NUMERIC = /^[#,]*0*(?:\.(0+|#+))?$/;
const DOTNET_NUMERIC = /^([FN])(\d{1,2})$/i;

/**
 * Applies a setting's Format. Supported (the seed is silent on the syntax): a composite format with
 * `{0}` (`+1{0}`), date patterns (`MM/dd/yyyy`, via the expression engine's formatDate), numeric
 * patterns (`0.00`, `#,##0.00`, `F2`, `N0`), and `upper`, `lower`, `trim`, `digits`. An empty value
 * stays empty; a value the format cannot read is sent unformatted.
 */
export function applyFormat(value: string, format: string, fail: (m: string) => void = () => undefined): string {
  const f = format.trim();
  if (!f || value === '') return value;
  switch (f.toLowerCase()) {
    case 'upper':
      return value.toUpperCase();
    case 'lower':
      return value.toLowerCase();
    case 'trim':
      return value.trim();
    case 'digits':
      return value.replace(/\D+/g, '');
  }
  if (f.includes('{0}')) return f.split('{0}').join(value);
  const dotnet = DOTNET_NUMERIC.exec(f);
  if (dotnet || (NUMERIC.test(f) && /0|#/.test(f))) {
    const n = Number(value.replace(/[$,\s]/g, ''));
    if (!Number.isFinite(n)) return fail(`Format ${JSON.stringify(f)}: ${JSON.stringify(value)} is not a number`), value;
    const decimals = dotnet ? Number(dotnet[2]) : (f.split('.')[1]?.length ?? 0);
    const grouped = dotnet ? dotnet[1].toUpperCase() === 'N' : f.includes(',');
    return grouped
      ? n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
      : n.toFixed(decimals);
  }
  if (DATE_TOKENS.test(f)) {
    const compiled = compileExpression('formatDate(v, f)');
    if (isExpressionError(compiled)) return value;
    const out = compiled.evaluate({ v: value, f });
    if (out === null || out === '') return fail(`Format ${JSON.stringify(f)}: ${JSON.stringify(value)} is not a date`), value;
    return toText(out);
  }
  return fail(`Format ${JSON.stringify(f)} is not understood`), value;
}
