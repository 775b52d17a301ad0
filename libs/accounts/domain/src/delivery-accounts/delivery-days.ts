import { checked, DeliveryChecked, DeliveryInputProblem } from './delivery-input-error';
import { quoted } from './operator-text';

/** A DeliveryDay as posted (the DTO checked the types). */
export interface DeliveryDayInput {
  DeliveryDayUID?: number;
  WeekDay?: number;
  StaticDate?: string | null;
  StartTime?: string | null;
  EndTime?: string | null;
  Allow?: boolean;
}

/** A delivery window as stored: clock times are the client's local time (clients.time_zone). */
export interface DeliveryDayRow {
  id: number;
  weekDay: number | null;
  /** YYYY-MM-DD, or null for a weekly rule. */
  staticDate: string | null;
  /** HH:mm:ss */
  startTime: string;
  endTime: string;
  allow: boolean;
}

export interface SeedDeliveryDay {
  DeliveryDayUID: number;
  DeliveryUID: number;
  WeekDay: number;
  StaticDate: string | null;
  StartTime: string;
  EndTime: string;
  Allow: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: .*)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}:?\d{2})?$/;
/** Dates before this are .NET's/SQL Server's "no date" (0001-01-01, 1900-01-01). */
const FIRST_REAL_YEAR = 1901;
/** SQL Server's date for a time-only datetime: what LeadExec answers for clock times. */
const CLOCK_DATE = '1900-01-01';

/** YYYY-MM-DD of a real calendar date, null for "no date", or undefined when unreadable. */
export function parseStaticDate(raw: string | null | undefined): string | null | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const t = raw.trim();
  const iso = DATE.exec(t);
  const us = iso ? undefined : US_DATE.exec(t);
  const [y, m, d] = iso ? [+iso[1], +iso[2], +iso[3]] : us ? [+us[3], +us[1], +us[2]] : [NaN, NaN, NaN];
  if (!Number.isFinite(y)) return undefined;
  if (y < FIRST_REAL_YEAR) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The clock time (HH:mm:ss) of `HH:mm[:ss]` or of a date-time (the seed sends dates). The time is
 * read as written, offset ignored: delivery windows are the client's local clock times.
 */
export function parseClockTime(raw: string): string | undefined {
  const t = raw.trim();
  const clock = CLOCK.exec(DATE_TIME.exec(t)?.[1] ?? t);
  if (!clock) return undefined;
  const [h, m, s] = [+clock[1], +clock[2], clock[3] === undefined ? 0 : +clock[3]];
  if (h > 23 || m > 59 || s > 59) return undefined;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * The days as they will be stored, or what is wrong. A row is a weekly rule (WeekDay 0-6, Sunday
 * first) or, with a StaticDate, a rule for that date. EndTime before StartTime is refused: an
 * overnight window is two rows.
 */
export function deliveryDaysFromSeed(input: readonly DeliveryDayInput[], existingIds: ReadonlySet<number>): DeliveryChecked<DeliveryDayRow[]> {
  const problems: DeliveryInputProblem[] = [];
  const rows: DeliveryDayRow[] = [];
  const seen = new Set<number>();
  input.forEach((day, i) => {
    const at = `DeliveryDays[${i}]`;
    const fail = (prop: string, message: string) => problems.push({ field: `${at}.${prop}`, message: `${at}: ${message}` });
    const id = day.DeliveryDayUID ?? 0;
    if (id !== 0 && (!existingIds.has(id) || seen.has(id))) return fail('DeliveryDayUID', `DeliveryDayUID ${id} is not a delivery day of this method (send 0 for a new one)`);
    seen.add(id);
    const staticDate = parseStaticDate(day.StaticDate);
    if (staticDate === undefined) return fail('StaticDate', `StaticDate ${quoted(String(day.StaticDate))} is not a date (YYYY-MM-DD)`);
    const weekDay = day.WeekDay ?? null;
    if (staticDate === null && weekDay === null) return fail('WeekDay', 'WeekDay (0 = Sunday ... 6 = Saturday) is required without a StaticDate');
    const start = day.StartTime === null || day.StartTime === undefined || day.StartTime === '' ? '00:00:00' : parseClockTime(day.StartTime);
    if (start === undefined) return fail('StartTime', `StartTime ${quoted(String(day.StartTime))} is not a time (HH:mm or a date-time)`);
    const end = day.EndTime === null || day.EndTime === undefined || day.EndTime === '' ? '23:59:59' : parseClockTime(day.EndTime);
    if (end === undefined) return fail('EndTime', `EndTime ${quoted(String(day.EndTime))} is not a time (HH:mm or a date-time)`);
    if (end < start) return fail('EndTime', `EndTime ${end} is before StartTime ${start}; send an overnight window as two days`);
    rows.push({ id, weekDay, staticDate, startTime: start, endTime: end, allow: day.Allow ?? true });
  });
  return checked(rows, problems);
}

export function deliveryDayToSeed(row: DeliveryDayRow, deliveryUid: number): SeedDeliveryDay {
  const date = row.staticDate ?? CLOCK_DATE;
  return {
    DeliveryDayUID: row.id,
    DeliveryUID: deliveryUid,
    WeekDay: row.weekDay ?? 0,
    StaticDate: row.staticDate ? `${row.staticDate}T00:00:00` : null,
    StartTime: `${date}T${row.startTime}`,
    EndTime: `${date}T${row.endTime}`,
    Allow: row.allow,
  };
}
