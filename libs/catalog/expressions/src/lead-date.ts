/**
 * Dates as lead sources send them: ISO 8601 (`2024-03-05`, `2024-03-05T14:30:00Z`,
 * `2024-03-05 14:30:00-05:00`) or US style (`3/5/2024`, `03/05/2024 2:30 PM`). The regexes are
 * fixed-size (no nested or adjacent open-ended quantifiers), so matching is linear.
 */
export interface LeadDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset from UTC in minutes when the text carried a zone (`Z` is 0); null for wall-clock times. */
  offsetMinutes: number | null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)? ?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: {1,3}(\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)?)?$/i;

export function parseLeadDate(input: string): LeadDate | null {
  const text = input.trim();
  if (text.length > 40) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    const offset = zone === undefined ? null : parseOffset(zone);
    if (offset === undefined) return null;
    return checked(+y, +mo, +d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, offset);
  }
  const us = US.exec(text);
  if (us) {
    const [, mo, d, y, h, mi, s, ampm] = us;
    let hour = h ? +h : 0;
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
    }
    return checked(+y, +mo, +d, hour, mi ? +mi : 0, s ? +s : 0, null);
  }
  return null;
}

function parseOffset(zone: string): number | null | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = +digits.slice(2);
  if (hours > 14 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function checked(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number | null): LeadDate | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second, offsetMinutes };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Milliseconds since the epoch, treating a wall-clock time as UTC. */
export function leadDateToEpoch(date: LeadDate): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  d.setUTCHours(date.hour, date.minute, date.second, 0);
  return d.getTime() - (date.offsetMinutes ?? 0) * 60_000;
}

/**
 * ISO text: zoned times are converted to UTC (`...Z`); wall-clock times stay as written without a
 * zone, because the source did not say which zone they are in. Null when the result leaves years
 * 1-9999.
 */
export function formatLeadDateIso(date: LeadDate): string | null {
  if (date.offsetMinutes === null) return isoOf(date.year, date.month, date.day, date.hour, date.minute, date.second, '');
  const d = new Date(leadDateToEpoch(date));
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 'Z');
}

function isoOf(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): string | null {
  if (y < 1 || y > 9999) return null;
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${zone}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
