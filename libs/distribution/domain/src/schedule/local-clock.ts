/**
 * A client's local wall clock (clients.time_zone, IANA) and the calendar windows delivery-account
 * maxes count in. Pure: zones come from the runtime's Intl data, so DST is right.
 */
export interface LocalClock {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** 0 = Sunday ... 6 = Saturday (delivery_method_days.week_day). */
  weekDay: number;
  /** Seconds since local midnight. */
  secondOfDay: number;
  year: number;
  month: number;
  day: number;
  hour: number;
}

/** Window ids of the account maxes: the key of each counter, in the client's zone. */
export interface MaxWindows {
  /** `YYYY-MM-DDTHH`: the calendar hour. */
  hour: string;
  day: string;
  /** The Monday (ISO week) the week starts on, `YYYY-MM-DD`. */
  week: string;
  /** `YYYY-MM`. */
  month: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || !timeZone.trim()) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The wall clock at `now` in `timeZone` (throws RangeError for an unknown zone). */
export function localClock(now: Date, timeZone: string): LocalClock {
  const parts = formatter(timeZone).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day, hour, minute, second] = [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
  return {
    date: isoDate(year, month, day),
    weekDay: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    secondOfDay: hour * 3600 + minute * 60 + second,
    year, month, day, hour,
  };
}

export function maxWindows(clock: LocalClock): MaxWindows {
  const monday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day - ((clock.weekDay + 6) % 7)));
  return {
    hour: `${clock.date}T${pad(clock.hour)}`,
    day: clock.date,
    week: isoDate(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()),
    month: `${clock.year}-${pad(clock.month)}`,
  };
}

/** A configured max as a limit: NULL, -1, 0 or anything not positive means no max (0). */
export function maxLimit(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return Math.floor(value);
}
