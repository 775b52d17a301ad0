/**
 * The windows a campaign's caps count in (seed 003): HourMax over a rolling 60-minute period,
 * DayMax and MonthMax over the calendar day and month in the campaign's time zone. Pure: time
 * zones come from the runtime's Intl data, never from a fixed offset, so DST is right.
 */

/** A calendar window: its id (part of the Redis key) and the instants it spans, end exclusive. */
export interface CalendarWindow {
  /** `YYYY-MM-DD` for a day, `YYYY-MM` for a month, in the campaign's zone. */
  id: string;
  start: Date;
  end: Date;
}

export interface CapWindows {
  /** Minutes since the epoch of `now`: the hour window is counted in minute buckets. */
  minute: number;
  day: CalendarWindow;
  month: CalendarWindow;
}

/**
 * The hour window counts the current minute bucket and the 60 before it, so a lead counts for 60
 * to 61 minutes: never fewer than the seed's 60, so no 60-minute period can exceed HourMax.
 */
export const HOUR_WINDOW_BUCKETS = 61;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for a zone the runtime does not know.
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localDate(instant: number, timeZone: string): LocalDate {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const ordinal = (d: LocalDate) => d.year * 10_000 + d.month * 100 + d.day;

/** A calendar date moved by whole days or months, normalised (Date.UTC does the carrying). */
function shift(d: LocalDate, days: number, months = 0): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1 + months, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const HOUR = 3_600_000;

/**
 * The first instant whose local date is `target`. Found by bisection rather than "midnight minus
 * the offset", because in zones whose DST change happens at midnight that midnight does not exist.
 * UTC offsets lie within -12 h..+14 h, so the answer is inside [wall - 15 h, wall + 13 h].
 */
function startOf(target: LocalDate, timeZone: string): number {
  const wall = Date.UTC(target.year, target.month - 1, target.day);
  const want = ordinal(target);
  let lo = (wall - 15 * HOUR) / 1000; // local date before target
  let hi = (wall + 13 * HOUR) / 1000; // local date at or after target
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ordinal(localDate(mid * 1000, timeZone)) >= want) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

// Calendar windows change once a day per zone: computed once, not on every reservation.
const calendarCache = new Map<string, Pick<CapWindows, 'day' | 'month'>>();

/** The zone's most recently used calendar windows (see capWindows). */
const currentCalendar = new Map<string, Pick<CapWindows, 'day' | 'month'>>();

/** The windows `now` falls in for a campaign in `timeZone` (throws RangeError for an unknown zone). */
export function capWindows(now: Date, timeZone: string): CapWindows {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw new RangeError('now is not a valid date');
  // Within the zone's current day window the local date is known without asking Intl (the
  // window is exactly the instants of that local date: start inclusive, end exclusive).
  const current = currentCalendar.get(timeZone);
  if (current && t >= current.day.start.getTime() && t < current.day.end.getTime()) return windowsAt(t, current);
  const today = localDate(t, timeZone);
  const dayId = `${today.year}-${pad(today.month)}-${pad(today.day)}`;
  const cacheKey = `${timeZone}|${dayId}`;
  let calendar = calendarCache.get(cacheKey);
  if (!calendar) {
    const firstOfMonth = { ...today, day: 1 };
    calendar = {
      day: { id: dayId, start: new Date(startOf(today, timeZone)), end: new Date(startOf(shift(today, 1), timeZone)) },
      month: {
        id: `${today.year}-${pad(today.month)}`,
        start: new Date(startOf(firstOfMonth, timeZone)),
        end: new Date(startOf(shift(firstOfMonth, 0, 1), timeZone)),
      },
    };
    if (calendarCache.size >= 1_000) calendarCache.clear();
    calendarCache.set(cacheKey, calendar);
  }
  if (currentCalendar.size >= 1_000) currentCalendar.clear();
  currentCalendar.set(timeZone, calendar);
  return windowsAt(t, calendar);
}

function windowsAt(t: number, calendar: Pick<CapWindows, 'day' | 'month'>): CapWindows {
  // Copies, so a caller mutating a Date cannot corrupt the cache.
  return {
    minute: Math.floor(t / 60_000),
    day: { ...calendar.day, start: new Date(calendar.day.start), end: new Date(calendar.day.end) },
    month: { ...calendar.month, start: new Date(calendar.month.start), end: new Date(calendar.month.end) },
  };
}

/** A configured cap as a limit: null, non-finite, 0 or negative means "no max" (returns 0). */
export function capLimit(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return Math.floor(value);
}
