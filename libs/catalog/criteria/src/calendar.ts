/**
 * Calendar-day arithmetic for DateCompare. Days are counted in UTC (day 0 = 1970-01-01) so a
 * comparison never depends on the host's time zone.
 */
const MS_PER_DAY = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The UTC day number of a calendar date; undefined when the date does not exist (Feb 30). */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / MS_PER_DAY);
}

/** The UTC day an instant falls on. */
export function dayOfInstant(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** A day number as YYYY-MM-DD, for reasons. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The day `months` calendar months after `day` (negative goes back), clamped to the month's last
 * day: one month before 31 March is 28/29 February, one year before 29 Feb 2024 is 28 Feb 2023.
 */
export function addMonths(day: number, months: number): number | undefined {
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year < 1 || year > 9999) return undefined;
  return dayNumber(year, month, Math.min(d.getUTCDate(), daysInMonth(year, month)));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;
const OFFSET = /^(?:Z|([+-])(\d{2}):?(\d{2}))$/i;

/** A criterion's absolute date: `YYYY-MM-DD` or US `M/D/YYYY`. Times are not allowed here. */
export function parseDateOnly(text: string): number | undefined {
  const t = text.trim();
  const iso = ISO_DATE.exec(t);
  if (iso) return dayNumber(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US_DATE.exec(t);
  if (us) return dayNumber(Number(us[3]), Number(us[1]), Number(us[2]));
  return undefined;
}

/**
 * A lead's date field as a UTC day: a date as above, or an ISO date-time
 * `YYYY-MM-DD[T ]HH:mm[:ss[.fff]][Z|±hh:mm]` (no offset = UTC), or `M/D/YYYY HH:mm[:ss]`
 * (UTC). Anything else, including impossible dates and times, is undefined.
 */
export function parseLeadDay(text: string): number | undefined {
  const t = text.trim();
  const dateOnly = parseDateOnly(t);
  if (dateOnly !== undefined) return dateOnly;
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(.*)$/i.exec(t);
  const us = iso ? null : /^(\d{1,2}\/\d{1,2}\/\d{4}) (\d{2}:\d{2}(?::\d{2})?)$/.exec(t);
  const parts = iso ?? us;
  if (!parts) return undefined;
  const day = parseDateOnly(parts[1]);
  const time = TIME.exec(parts[2]);
  if (day === undefined || !time) return undefined;
  const [h, m, s] = [Number(time[1]), Number(time[2]), Number(time[3] ?? '0')];
  if (h > 23 || m > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  const zone = iso ? parts[3] : '';
  if (zone !== '') {
    const o = OFFSET.exec(zone);
    if (!o) return undefined;
    if (o[1]) {
      const [oh, om] = [Number(o[2]), Number(o[3])];
      if (oh > 14 || om > 59) return undefined;
      offsetMinutes = (o[1] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  }
  const ms = day * MS_PER_DAY + ((h * 60 + m - offsetMinutes) * 60 + s) * 1000;
  return dayOfInstant(ms);
}
