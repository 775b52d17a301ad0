import { WireDate } from './response-models';

/** Number formatting and date formatting shared by the serialisers, as the seed's examples show them. */

export function finite(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

/** `0`, `12`, `12.5`: ids and the lead price (`<Price>0</Price>` in PostResponse). */
export function plainNumber(n: number): string {
  return String(finite(n));
}

/** `0.0`, `12.0`, `12.5`: offer/send prices and the estimated payout (`<Price>0.0</Price>`). */
export function decimalNumber(n: number): string {
  const v = finite(n);
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** `true`/`false`, as in `<IsValid>true</IsValid>`. */
export function lowerBool(b: boolean): string {
  return b ? 'true' : 'false';
}

/** `True`/`False`, as in `<CustomTCPATextRequired>True</CustomTCPATextRequired>`. */
export function titleBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/**
 * A Date as ISO 8601 UTC, with milliseconds (`2024-08-28T21:20:38.573Z`, status) or without
 * (`2024-08-29T16:25:12Z`, ping and duplicate check); a string is kept; null / invalid Date → null.
 */
export function formatDate(d: WireDate, milliseconds: boolean): string | null {
  if (d === null || d === undefined) return null;
  if (typeof d === 'string') return d;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return milliseconds ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}
