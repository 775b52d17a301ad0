import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { isValidTimeZone, localClock, maxLimit, maxWindows } from '@leadx/distribution-domain';

/** What a reservation needs of a delivery account (columns hour_max … month_max; NULL = no max). */
export interface MaxAccount {
  id: number;
  hourMax?: number | null;
  dayMax?: number | null;
  weekMax?: number | null;
  monthMax?: number | null;
  /** The client's IANA zone: the windows are its calendar hour, day, ISO week and month. */
  timeZone: string;
}

export type MaxWindowName = 'hour' | 'day' | 'week' | 'month';
export type MaxReserveResult = { ok: true; keys: string[] } | { ok: false; window: MaxWindowName; max: number };

/** Where the rebuild count runs: the caller's transaction manager or a DataSource. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const NOT_LOADED = '~';
const WINDOWS: MaxWindowName[] = ['hour', 'day', 'week', 'month'];
/** Counter lifetimes: each key names its window, so the TTL only has to outlive it. */
const TTL_MS = [2 * 3_600_000, 2 * 86_400_000, 8 * 86_400_000, 32 * 86_400_000];

/**
 * KEYS: the four window counters. ARGV: 1..4 maxes (0 = none), 5..8 TTLs, 9..12 counts loaded
 * from Postgres or '~'. A missing counter with no count loaded answers {'init'}; a loaded count is
 * set only while the key is still absent, so a late replica never overwrites a live counter.
 * Checks every window, then increments all of them, or none: {'over', i, max} or {'ok'}.
 */
const RESERVE = `
for i = 1, 4 do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    if ARGV[8 + i] == '${NOT_LOADED}' then return {'init'} end
    redis.call('SET', KEYS[i], ARGV[8 + i], 'PX', ARGV[4 + i], 'NX')
  end
end
for i = 1, 4 do
  local max = tonumber(ARGV[i])
  if max > 0 and tonumber(redis.call('GET', KEYS[i])) + 1 > max then return {'over', i, max} end
end
for i = 1, 4 do
  redis.call('INCR', KEYS[i])
  redis.call('PEXPIRE', KEYS[i], ARGV[4 + i])
end
return {'ok'}
`;

/**
 * Gives an assignment's slot back in every window still holding a counter (a lost one is rebuilt
 * from Postgres), once per assignment: KEYS[1] is the account's set of released assignments
 * (ARGV[1] the assignment id), so an outcome redelivered after a rolled-back transaction does not
 * release twice.
 */
const RELEASE = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 and tonumber(redis.call('GET', KEYS[i])) > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`;

const sha = (s: string) => createHash('sha1').update(s).digest('hex');

/**
 * Delivery-account HourMax / DayMax / WeekMax / MonthMax (seed 003) as Redis counters shared by
 * every scanner replica. One Lua script checks the four windows and takes a slot in all of them or
 * none, so leads racing for the last slot never overshoot. Every assignment of every account is
 * counted (capped or not), so a max switched on mid-window counts from the true number.
 *
 * A missing counter (Redis restarted or flushed) is rebuilt from Postgres — the account's
 * delivery_assignments in the window that are not failed or rejected — before reserving. As with
 * the campaign caps, only reservations in flight at the instant of the loss (reserved, not yet
 * committed) can be missed: a bound of the scanner's concurrency, for milliseconds.
 */
export class AccountMaxCounter {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix = 'leadx:',
  ) {}

  /** Throws RangeError on an unknown zone (the caller treats the account as stopped). */
  async reserve(account: MaxAccount, db: Queryable, now: Date = new Date()): Promise<MaxReserveResult> {
    if (!isValidTimeZone(account.timeZone)) throw new RangeError(`unknown time zone ${JSON.stringify(account.timeZone)}`);
    const keys = this.keys(account, now);
    const maxes = [account.hourMax, account.dayMax, account.weekMax, account.monthMax].map(maxLimit);
    const run = (loaded: string[]) => this.run(RESERVE, keys, [...maxes, ...TTL_MS, ...loaded]) as Promise<[string, number?, number?]>;
    let reply = await run(WINDOWS.map(() => NOT_LOADED));
    if (reply[0] === 'init') reply = await run(await this.countStored(db, account, now));
    if (reply[0] === 'over') return { ok: false, window: WINDOWS[Number(reply[1]) - 1], max: Number(reply[2]) };
    return { ok: true, keys };
  }

  /** The slot of an assignment (reserved at `at`) that did not deliver (failed or rejected). */
  async release(account: MaxAccount, at: Date, assignmentId: number | string): Promise<void> {
    if (!isValidTimeZone(account.timeZone)) return;
    await this.run(RELEASE, [`${this.keyPrefix}dmax:{a${account.id}}:released`, ...this.keys(account, at)], [String(assignmentId), TTL_MS[3]]);
  }

  private keys(account: MaxAccount, at: Date): string[] {
    const w = maxWindows(localClock(at, account.timeZone));
    // One hash tag per account: a script's keys must share a slot on Redis Cluster.
    const base = `${this.keyPrefix}dmax:{a${account.id}}`;
    return WINDOWS.map((name) => `${base}:${name}:${w[name]}`);
  }

  private async countStored(db: Queryable, account: MaxAccount, now: Date): Promise<string[]> {
    const start = (unit: string) => `date_trunc('${unit}', $2::timestamptz AT TIME ZONE $3) AT TIME ZONE $3`;
    const [row] = (await db.query(
      `SELECT count(*) FILTER (WHERE created_at >= ${start('hour')})::int AS hour,
              count(*) FILTER (WHERE created_at >= ${start('day')})::int AS day,
              count(*) FILTER (WHERE created_at >= ${start('week')})::int AS week,
              count(*) FILTER (WHERE created_at >= ${start('month')})::int AS month
         FROM delivery_assignments
        WHERE delivery_account_id = $1 AND status NOT IN ('failed', 'rejected')
          AND created_at >= least(${start('week')}, ${start('month')})`,
      [account.id, now, account.timeZone],
    )) as Array<Record<MaxWindowName, number>>;
    return WINDOWS.map((w) => String(row[w]));
  }

  private async run(source: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await this.redis.evalsha(sha(source), keys.length, ...keys, ...args);
    } catch (err) {
      // Redis restarted or SCRIPT FLUSH: it forgot the script, so send it once in full.
      if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return this.redis.eval(source, keys.length, ...keys, ...args);
      throw err;
    }
  }
}
