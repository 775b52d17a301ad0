import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { capLimit, capWindows, CapWindows, HOUR_WINDOW_BUCKETS, isValidTimeZone } from './cap-windows';
import { LuaScript, NOT_LOADED, RELEASE_SCRIPT, RESERVE_SCRIPT } from './cap-scripts';

export type CapWindow = 'hour' | 'day' | 'month';

/** What a reservation needs of a campaign (a CampaignEntity fits). */
export interface CapCampaign {
  id: number;
  /** null, 0 or negative: no max (see capLimit). */
  hourMax?: number | null;
  dayMax?: number | null;
  monthMax?: number | null;
  /** IANA zone of the day and month windows. */
  timeZone: string;
}

/** Slots taken in each window; hand it to `release` if the leads end up not stored. */
export interface CapReservation {
  readonly campaignId: number;
  readonly count: number;
  readonly slots: ReadonlyArray<{ readonly key: string; readonly field: string; readonly generation: string }>;
}

export type CapReserveResult = { ok: true; reservation: CapReservation } | { ok: false; window: CapWindow; max: number };

export interface CampaignCapCounterOptions {
  /** Prefix of every Redis key, e.g. 'leadx:' (tests use a unique one). */
  keyPrefix?: string;
}

type ReserveReply = ['init'] | ['over', CapWindow, number] | ['ok', string, string, string];

/** Kept a little past each window's end so a reservation at the edge can still be released. */
const TTL_SLACK_MS = 3_600_000;
const HOUR_TTL_MS = (HOUR_WINDOW_BUCKETS + 1) * 60_000;

/**
 * A campaign's HourMax / DayMax / MonthMax (seed 003) as Redis counters shared by every receiver
 * replica. One Lua script checks the three windows and increments them together or not at all,
 * so concurrent posts racing for the last slots never overshoot.
 *
 * Windows: HourMax is a rolling 60-minute period (the seed says "in a 60 minute period"), counted
 * in minute buckets: a lead counts for 60 to 61 minutes, never less. DayMax and MonthMax are the
 * calendar day and month in the campaign's time zone; their keys carry the window id and expire
 * after it.
 *
 * Losing Redis (restart, flush, eviction): a missing counter is rebuilt from Postgres (the
 * campaign's stored leads in that window) and set only if still absent, atomically with the
 * reservation. Remaining race, bounded and small: leads reserved before the loss but not yet
 * committed when Postgres is counted are in neither count, so right after a loss the campaign can
 * go over by at most the number of its reservations in flight at that moment (the receiver's
 * reserve-to-commit time is milliseconds).
 *
 * Every lead of every campaign should be reserved, capped or not, so that a cap switched on
 * mid-window counts from the true number.
 */
/** Where the rebuild count runs: the DataSource, or the caller's transaction manager. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export class CampaignCapCounter {
  private readonly keyPrefix: string;
  private readonly released = new WeakSet<CapReservation>();

  constructor(
    private readonly redis: Redis,
    private readonly dataSource: DataSource,
    options: CampaignCapCounterOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'leadx:';
  }

  /**
   * Takes `count` slots in all three windows, or none when any window would go over its max.
   * Throws RangeError for a bad count or an unknown time zone (operator configuration: the
   * Account API must reject it) and the Redis or Postgres error when either is unreachable.
   * Inside a transaction, pass its manager as `db`: the rebuild count then runs on the same
   * connection (no second pool connection, which could deadlock a saturated pool).
   */
  async reserve(campaign: CapCampaign, count = 1, now: Date = new Date(), db: Queryable = this.dataSource): Promise<CapReserveResult> {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
    if (!Number.isSafeInteger(campaign.id) || campaign.id < 1) throw new RangeError(`invalid campaign id ${campaign.id}`);
    if (!isValidTimeZone(campaign.timeZone)) {
      throw new RangeError(`campaign ${campaign.id} has an unknown time zone ${JSON.stringify(campaign.timeZone)}`);
    }
    const windows = capWindows(now, campaign.timeZone);
    const keys = this.keys(campaign.id, windows);
    const args = (loaded: [string, string, string], generation: string) => [
      count,
      windows.minute,
      capLimit(campaign.hourMax),
      capLimit(campaign.dayMax),
      capLimit(campaign.monthMax),
      HOUR_TTL_MS,
      Math.max(windows.day.end.getTime() - now.getTime(), 0) + TTL_SLACK_MS,
      Math.max(windows.month.end.getTime() - now.getTime(), 0) + TTL_SLACK_MS,
      generation,
      ...loaded,
    ];
    // The hot path is one round trip: Postgres is read only when a counter is missing.
    let reply = (await this.run(RESERVE_SCRIPT, keys, args([NOT_LOADED, NOT_LOADED, NOT_LOADED], ''))) as ReserveReply;
    if (reply[0] === 'init') {
      const loaded = await this.countStored(db, campaign.id, windows);
      reply = (await this.run(RESERVE_SCRIPT, keys, args(loaded, randomBytes(8).toString('hex')))) as ReserveReply;
    }
    if (reply[0] === 'over') return { ok: false, window: reply[1], max: Number(reply[2]) };
    if (reply[0] !== 'ok') throw new Error(`cap script answered ${JSON.stringify(reply)}`);
    const fields = [String(windows.minute), 'n', 'n'];
    return {
      ok: true,
      reservation: {
        campaignId: campaign.id,
        count,
        slots: keys.map((key, i) => ({ key, field: fields[i], generation: reply[i + 1] as string })),
      },
    };
  }

  /** Gives the slots back, e.g. when the transaction storing the leads failed. Safe to call twice. */
  async release(reservation: CapReservation): Promise<void> {
    if (this.released.has(reservation) || reservation.slots.length === 0) return;
    this.released.add(reservation);
    await this.run(
      RELEASE_SCRIPT,
      reservation.slots.map((s) => s.key),
      [reservation.count, ...reservation.slots.flatMap((s) => [s.field, s.generation])],
    );
  }

  private keys(campaignId: number, w: CapWindows): [string, string, string] {
    // One hash tag per campaign: a Lua script's keys must share a slot on Redis Cluster.
    const base = `${this.keyPrefix}cap:{c${campaignId}}`;
    return [`${base}:hour`, `${base}:day:${w.day.id}`, `${base}:month:${w.month.id}`];
  }

  /** The campaign's stored leads per window, as the script's init arguments. */
  private async countStored(db: Queryable, campaignId: number, w: CapWindows): Promise<[string, string, string]> {
    const buckets = (await db.query(
      `SELECT floor(extract(epoch FROM created_at) / 60)::bigint::text AS m, count(*)::int AS n
         FROM leads WHERE campaign_id = $1 AND created_at >= $2 GROUP BY 1`,
      [campaignId, new Date((w.minute - (HOUR_WINDOW_BUCKETS - 1)) * 60_000)],
    )) as Array<{ m: string; n: number }>;
    const [calendar] = (await db.query(
      `SELECT count(*) FILTER (WHERE created_at >= $2 AND created_at < $3)::int AS day, count(*)::int AS month
         FROM leads WHERE campaign_id = $1 AND created_at >= $4 AND created_at < $5`,
      [campaignId, w.day.start, w.day.end, w.month.start, w.month.end],
    )) as Array<{ day: number; month: number }>;
    return [buckets.map((b) => `${b.m}:${b.n}`).join(','), String(calendar.day), String(calendar.month)];
  }

  private async run(script: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await this.redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (err) {
      // Redis restarted or SCRIPT FLUSH: it forgot the script, so send it once in full.
      if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return this.redis.eval(script.source, keys.length, ...keys, ...args);
      throw err;
    }
  }
}
