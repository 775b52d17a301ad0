import { LocalClock } from './local-clock';

/** A row of delivery_method_days: when the account's method takes (or refuses) leads, local time. */
export interface DeliveryDayRule {
  /** 0 = Sunday ... 6 = Saturday; null for a static-date rule. */
  weekDay: number | null;
  /** `YYYY-MM-DD`; null for a weekday rule. */
  staticDate: string | null;
  /** `HH:mm[:ss]`, inclusive. */
  startTime: string;
  /** `HH:mm[:ss]`, inclusive. */
  endTime: string;
  allow: boolean;
}

const seconds = (t: string): number => {
  const [h = 0, m = 0, s = 0] = t.split(':').map((p) => Number(p));
  return h * 3600 + m * 60 + Math.floor(s);
};

const window = (r: DeliveryDayRule) => `${r.staticDate ?? WEEK_DAYS[r.weekDay ?? 0]} ${r.startTime.slice(0, 5)}-${r.endTime.slice(0, 5)}`;

export const WEEK_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Whether a method's schedule lets a lead through at `clock` (the client's local time); returns the
 * reason it stops the lead, or undefined when it may go. Rules:
 * - no rules: always open;
 * - static-date rules for today replace today's weekday rules (a holiday overrides the week);
 * - a refusing rule (Allow false) covering now stops the lead;
 * - when the schedule has any allowing rule, now must fall in one of today's allowing rules
 *   (listing open hours closes the rest); a schedule of refusals only is open outside them.
 */
export function deliveryDaysStop(rules: readonly DeliveryDayRule[], clock: LocalClock): string | undefined {
  if (!rules.length) return undefined;
  const statics = rules.filter((r) => r.staticDate === clock.date);
  const today = statics.length ? statics : rules.filter((r) => r.staticDate === null && r.weekDay === clock.weekDay);
  const covers = (r: DeliveryDayRule) => clock.secondOfDay >= seconds(r.startTime) && clock.secondOfDay <= seconds(r.endTime);
  const refusal = today.find((r) => !r.allow && covers(r));
  const at = `${clock.date} ${WEEK_DAYS[clock.weekDay]} ${String(Math.floor(clock.secondOfDay / 3600)).padStart(2, '0')}:${String(Math.floor(clock.secondOfDay / 60) % 60).padStart(2, '0')}`;
  if (refusal) return `delivery days: refused ${window(refusal)} (client time ${at})`;
  if (rules.some((r) => r.allow) && !today.some((r) => r.allow && covers(r))) return `delivery days: outside delivery times (client time ${at})`;
  return undefined;
}
