import { escapeXml } from './build-request';
import { RenderedField } from './render-fields';

const PLACEHOLDER = /\{([^{}\r\n]{1,128})\}|\[([^[\]\r\n]{1,128})\]/g;

function valueOf(fields: readonly RenderedField[], name: string): string | undefined {
  const key = name.trim().toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === key)?.value;
}

/** A plain-text template filled with field values; unknown placeholders are left as written. */
export function fillText(template: string, fields: readonly RenderedField[], escape: (v: string) => string = (v) => v): string {
  return template.replace(PLACEHOLDER, (m, a: string | undefined, b: string | undefined) => {
    const v = valueOf(fields, a ?? b ?? '');
    return v === undefined ? m : escape(v);
  });
}

/** `Name: value` lines: the body when a method has no template. */
export function fieldLines(fields: readonly RenderedField[]): string {
  return fields.map((f) => `${f.name}: ${f.value}`).join('\n');
}

/** Spreadsheet apps run cells starting with these as formulas (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV: a header row of the outbound names and one row of values (CRLF line ends). */
export function toCsv(fields: readonly RenderedField[]): string {
  return `${fields.map((f) => csvCell(f.name)).join(',')}\r\n${fields.map((f) => csvCell(f.value)).join(',')}\r\n`;
}

export interface EmailMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text?: string;
  html?: string;
}

const EMAIL = /^[^\s@<>(),;:"[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/** An address list (`,` or `;`), each entry filled from the fields; what is not an address is dropped. */
export function addressList(list: string, fields: readonly RenderedField[]): string[] {
  return list
    .split(/[,;]/)
    .map((a) => fillText(a.trim(), fields).trim())
    .filter((a) => EMAIL.test(a));
}

/**
 * The outbound E-Mail of a lead: subject and body from the method's templates (`{Field}` filled;
 * a body starting with `<` is HTML, its values escaped), else the fields as `Name: value` lines.
 * Header values never carry a line break (header injection).
 */
export function buildEmail(
  input: { to: string; cc: string; bcc: string; subject: string; template: string },
  fields: readonly RenderedField[],
): EmailMessage {
  const subject = (fillText(input.subject, fields).replace(/[\r\n]+/g, ' ').trim() || 'New lead').slice(0, 998);
  const message: EmailMessage = { to: addressList(input.to, fields), cc: addressList(input.cc, fields), bcc: addressList(input.bcc, fields), subject };
  const template = input.template.trim();
  if (template.startsWith('<')) message.html = fillText(input.template, fields, escapeXml);
  else message.text = template ? fillText(input.template, fields) : fieldLines(fields);
  return message;
}

/** The SMS text of a lead: the method's template (EmailTemplate) filled, else `Name: value` lines, capped. */
export function buildSmsText(template: string, fields: readonly RenderedField[], maxChars = 1_600): string {
  return (template.trim() ? fillText(template, fields) : fieldLines(fields)).slice(0, maxChars);
}

/** E.164 of a phone as an operator types it (US numbers without the country code are +1). */
export function toE164(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^\+[1-9]\d{7,14}$/.test(digits)) return digits;
  const d = digits.replace(/\D/g, '');
  if (d.length === 10) return `+1${d}`;
  if (d.length === 11 && d.startsWith('1')) return `+${d}`;
  return null;
}
