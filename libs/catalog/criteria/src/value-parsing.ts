/**
 * The small strict parsers every operator shares. Strict on purpose: a criterion that means
 * something other than what the operator wrote must fail closed, not be guessed at.
 */

// Plain decimal numbers only: no hex, no thousands separators, no currency signs, no "Infinity".
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a trimmed string spells, or undefined. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Splits a list value: on `|` when the value has one (so items may contain commas, e.g.
 * `Dallas, TX|Austin, TX`), else on `,`. Items are trimmed; empty items are dropped.
 */
export function splitList(value: string): string[] {
  const separator = value.includes('|') ? '|' : ',';
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Splits on `|` only: for values whose items may legitimately contain commas (substrings). */
export function splitPipeList(value: string): string[] {
  return value
    .split('|')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The form a value is compared and indexed under: numbers by their numeric value (`075001`,
 * `75001.0` and `75001` are one key), anything else trimmed and lower-cased.
 */
export function indexKey(value: string): string {
  const n = parseNumber(value);
  return n === undefined ? value.trim().toLowerCase() : String(n);
}

const MAX_SHOWN = 80;

/** A value made safe for a one-line log: control characters become spaces, long text is cut. */
export function shown(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
}

/** A US zip code (`75001` or ZIP+4 `75001-1234`) reduced to its five digits, or undefined. */
export function parseZip(text: string): string | undefined {
  const m = /^(\d{5})(?:-?\d{4})?$/.exec(text.trim());
  return m ? m[1] : undefined;
}
