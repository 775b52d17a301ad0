import { csvCell } from '../render/build-message';
import { RenderedField } from '../render/render-fields';

/** A row of delivery_method_days (the client's local clock). */
export interface BatchDayRule {
  /** 0 = Sunday ... 6 = Saturday; null for a static-date rule. */
  weekDay: number | null;
  /** `YYYY-MM-DD`; null for a weekday rule. */
  staticDate: string | null;
  /** `HH:mm[:ss]`, inclusive. */
  startTime: string;
  endTime: string;
  allow: boolean;
}

const WEEK = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const seconds = (t: string): number => {
  const [h = 0, m = 0, s = 0] = t.split(':').map(Number);
  return h * 3600 + m * 60 + Math.floor(s);
};

/** Date, weekday and second of the day at `now` in `timeZone` (UTC when the zone is unknown). */
export function clientClock(now: Date, timeZone: string): { date: string; weekDay: number; secondOfDay: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(now);
  } catch {
    return clientClock(now, 'UTC');
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekDay: WEEK.indexOf(get('weekday')),
    secondOfDay: Number(get('hour')) * 3600 + Number(get('minute')) * 60 + Number(get('second')),
  };
}

/**
 * Whether a Batch Email method's queue is sent at `now`, by its delivery days (the same reading as
 * the scanner's): no rules: every pass; static-date rules for today replace today's weekday rules;
 * a refusing rule covering now holds the batch; with any allowing rule, now must fall in one of
 * today's allowing rules.
 */
export function batchDue(rules: readonly BatchDayRule[], now: Date, timeZone: string): boolean {
  if (!rules.length) return true;
  const clock = clientClock(now, timeZone);
  const statics = rules.filter((r) => r.staticDate === clock.date);
  const today = statics.length ? statics : rules.filter((r) => r.staticDate === null && r.weekDay === clock.weekDay);
  const covers = (r: BatchDayRule) => clock.secondOfDay >= seconds(r.startTime) && clock.secondOfDay <= seconds(r.endTime);
  if (today.some((r) => !r.allow && covers(r))) return false;
  return !rules.some((r) => r.allow) || today.some((r) => r.allow && covers(r));
}

/** One CSV of many leads: the header is every field name in first-seen order; a missing field is empty. */
export function toCsvRows(rows: ReadonlyArray<readonly RenderedField[]>): string {
  const names: string[] = [];
  for (const row of rows) for (const f of row) if (!names.includes(f.name)) names.push(f.name);
  const lines = [names.map(csvCell).join(',')];
  for (const row of rows) lines.push(names.map((n) => csvCell(row.find((f) => f.name === n)?.value ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
