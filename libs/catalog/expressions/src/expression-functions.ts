import { formatLeadDateIso, LeadDate, leadDateToEpoch, parseLeadDate } from './lead-date';
import { ExpressionError } from './expression-error';
import { EXPRESSION_LIMITS } from './expression-limits';
import { boundedText, ExpressionValue, finiteOrNull, isTruthy, toNumber, toText } from './expression-value';

/** What a function may see: the lead's values (read by own key only) and the clock. */
export interface EvaluationContext {
  readonly vars: Readonly<Record<string, string>>;
  readonly now: () => Date;
}

export interface ExpressionFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly call: (args: ExpressionValue[], ctx: EvaluationContext) => ExpressionValue;
}

const MAX_ARGS = 20;

function fn(minArgs: number, maxArgs: number, call: ExpressionFunction['call']): ExpressionFunction {
  return { minArgs, maxArgs, call };
}

/** Integer argument clamped to a sane range; null when it is not a number. */
function intArg(value: ExpressionValue, min: number, max: number): number | null {
  const n = toNumber(value);
  if (n === null) return null;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

/** Literal (not regex) replace-all, with the output size checked before it is built. */
function replaceLiteral(text: string, find: string, replacement: string): string {
  if (!find) return text;
  let count = 0;
  for (let i = text.indexOf(find); i !== -1; i = text.indexOf(find, i + find.length)) count++;
  if (text.length + count * (replacement.length - find.length) > EXPRESSION_LIMITS.maxTextLength) {
    throw new ExpressionError(`replace result longer than ${EXPRESSION_LIMITS.maxTextLength} characters`);
  }
  return text.split(find).join(replacement);
}

export function ownVar(ctx: EvaluationContext, name: string): ExpressionValue {
  if (!Object.prototype.hasOwnProperty.call(ctx.vars, name)) return null;
  const value: unknown = ctx.vars[name];
  return typeof value === 'string' ? value : null;
}

function dateOf(value: ExpressionValue): LeadDate | null {
  return value === null ? null : parseLeadDate(toText(value));
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** `yyyy yy MM M dd d HH H mm ss`; any other character is copied. */
function formatDate(date: LeadDate, pattern: string): string {
  const iso = formatLeadDateIso(date);
  if (iso === null) return '';
  const [y, mo, d, h, mi, s] = iso.match(/\d+/g)?.map(Number) ?? [];
  const tokens: Array<[string, () => string]> = [
    ['yyyy', () => pad(y, 4)],
    ['yy', () => pad(y % 100, 2)],
    ['MM', () => pad(mo, 2)],
    ['M', () => String(mo)],
    ['dd', () => pad(d, 2)],
    ['d', () => String(d)],
    ['HH', () => pad(h, 2)],
    ['H', () => String(h)],
    ['mm', () => pad(mi, 2)],
    ['ss', () => pad(s, 2)],
  ];
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const token = tokens.find(([t]) => pattern.startsWith(t, i));
    if (token) {
      out += token[1]();
      i += token[0].length;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

function isoNow(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The whole vocabulary of callable names. A Map, so a name such as `constructor` or `__proto__`
 * can never resolve to something inherited.
 */
export const EXPRESSION_FUNCTIONS: ReadonlyMap<string, ExpressionFunction> = new Map<string, ExpressionFunction>([
  ['upper', fn(1, 1, ([v]) => toText(v).toUpperCase())],
  ['lower', fn(1, 1, ([v]) => toText(v).toLowerCase())],
  ['trim', fn(1, 1, ([v]) => toText(v).trim())],
  ['text', fn(1, 1, ([v]) => toText(v))],
  ['concat', fn(1, MAX_ARGS, (args) => boundedText(args.map(toText).join('')))],
  ['len', fn(1, 1, ([v]) => toText(v).length)],
  ['left', fn(2, 2, ([v, n]) => toText(v).slice(0, intArg(n, 0, 65_536) ?? 0))],
  ['right', fn(2, 2, ([v, n]) => {
    const count = intArg(n, 0, 65_536) ?? 0;
    return count === 0 ? '' : toText(v).slice(-count);
  })],
  // 0-based start, like JavaScript's substr; a missing length means "to the end".
  ['substr', fn(2, 3, ([v, start, length]) => {
    const text = toText(v);
    const from = intArg(start, 0, text.length) ?? 0;
    const count = length === undefined ? text.length : intArg(length, 0, text.length) ?? 0;
    return text.slice(from, from + count);
  })],
  ['replace', fn(3, 3, ([v, find, replacement]) => replaceLiteral(toText(v), toText(find), toText(replacement)))],
  ['contains', fn(2, 2, ([v, part]) => toText(v).includes(toText(part)))],
  ['startsWith', fn(2, 2, ([v, part]) => toText(v).startsWith(toText(part)))],
  ['endsWith', fn(2, 2, ([v, part]) => toText(v).endsWith(toText(part)))],
  ['isEmpty', fn(1, 1, ([v]) => toText(v).trim() === '')],
  ['coalesce', fn(1, MAX_ARGS, (args) => args.find((a) => a !== null && toText(a) !== '') ?? null)],
  ['iif', fn(3, 3, ([test, a, b]) => (isTruthy(test) ? a : b))],
  ['number', fn(1, 1, ([v]) => toNumber(v))],
  ['round', fn(1, 2, ([v, digits]) => {
    const n = toNumber(v);
    if (n === null) return null;
    const places = digits === undefined ? 0 : intArg(digits, 0, 10) ?? 0;
    const factor = 10 ** places;
    return finiteOrNull(Math.round(n * factor) / factor);
  })],
  ['floor', fn(1, 1, ([v]) => { const n = toNumber(v); return n === null ? null : Math.floor(n); })],
  ['ceil', fn(1, 1, ([v]) => { const n = toNumber(v); return n === null ? null : Math.ceil(n); })],
  ['abs', fn(1, 1, ([v]) => { const n = toNumber(v); return n === null ? null : Math.abs(n); })],
  ['min', fn(1, MAX_ARGS, (args) => {
    const ns = args.map(toNumber).filter((n): n is number => n !== null);
    return ns.length ? Math.min(...ns) : null;
  })],
  ['max', fn(1, MAX_ARGS, (args) => {
    const ns = args.map(toNumber).filter((n): n is number => n !== null);
    return ns.length ? Math.max(...ns) : null;
  })],
  // Reads a lead value by a computed or non-identifier name, e.g. field("First Name").
  ['field', fn(1, 1, ([name], ctx) => ownVar(ctx, toText(name)))],
  ['now', fn(0, 0, (_args, ctx) => isoNow(ctx.now()))],
  ['today', fn(0, 0, (_args, ctx) => isoNow(ctx.now()).slice(0, 10))],
  ['date', fn(1, 1, ([v]) => { const d = dateOf(v); return d ? formatLeadDateIso(d) : null; })],
  ['formatDate', fn(2, 2, ([v, pattern]) => {
    const d = dateOf(v);
    return d ? formatDate(d, toText(pattern).slice(0, 100)) : null;
  })],
  // Whole years from a date (a date of birth) to now; null for unparseable or future dates.
  ['age', fn(1, 1, ([v], ctx) => {
    const d = dateOf(v);
    if (!d) return null;
    const now = ctx.now();
    if (leadDateToEpoch(d) > now.getTime()) return null;
    const beforeBirthday = now.getUTCMonth() + 1 < d.month || (now.getUTCMonth() + 1 === d.month && now.getUTCDate() < d.day);
    return now.getUTCFullYear() - d.year - (beforeBirthday ? 1 : 0);
  })],
]);

