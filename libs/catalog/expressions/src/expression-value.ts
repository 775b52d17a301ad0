import { ExpressionError } from './expression-error';
import { EXPRESSION_LIMITS } from './expression-limits';

/** Every value an expression can produce or handle. Lead fields arrive as strings. */
export type ExpressionValue = string | number | boolean | null;

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

/** Text form: null is empty, numbers in JavaScript's shortest form, booleans as true/false. */
export function toText(value: ExpressionValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

/** Number form, or null when the value is not a plain decimal number (no hex, no Infinity). */
export function toNumber(value: ExpressionValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return null;
  const text = value.trim();
  if (text.length > 400 || !NUMERIC.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Lead data is text: '', '0' and 'false' are false, like an unticked Bit field. */
export function isTruthy(value: ExpressionValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  const text = value.trim().toLowerCase();
  return text !== '' && text !== '0' && text !== 'false';
}

/** Finite numbers only: NaN and Infinity become null, so they never leak into a lead. */
export function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

/** Guards the text size budget for any produced string. */
export function boundedText(text: string): string {
  if (text.length > EXPRESSION_LIMITS.maxTextLength) {
    throw new ExpressionError(`result longer than ${EXPRESSION_LIMITS.maxTextLength} characters`);
  }
  return text;
}
