import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CATALOG_ENTITIES, DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { createRedis } from '@leadx/platform-redis';
import { insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { CampaignCapCounter, CapCampaign, CapReserveResult } from './campaign-cap-counter';

/** Campaign caps against the real Redis (DB 15, own key prefix) and Postgres. */
describe('CampaignCapCounter', () => {
  const prefix = `test:caps:${uniqueSuffix()}:`;
  let ds: DataSource;
  let catalog: DemoCatalog;
  // Four connections stand in for four receiver replicas.
  let replicas: Redis[];
  let counters: CampaignCapCounter[];
  let counter: CampaignCapCounter;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4, entities: CATALOG_ENTITIES })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `caps-${uniqueSuffix()}` });
    replicas = [0, 1, 2, 3].map((i) => createRedis(testEnv.redisUrl, { name: `leadx-caps-test-${i}` }));
    counters = replicas.map((r) => new CampaignCapCounter(r, ds, { keyPrefix: prefix }));
    counter = counters[0];
  });
  afterAll(async () => {
    await flushPrefix();
    await Promise.all(replicas.map((r) => r.quit()));
    await ds.destroy();
  });

  /** What a Redis restart or FLUSH does to this suite's keys, without touching anyone else's. */
  async function flushPrefix(): Promise<number> {
    const keys = await replicas[0].keys(`${prefix}*`);
    if (keys.length) await replicas[0].del(...keys);
    return keys.length;
  }

  async function newCampaign(caps: Partial<CapCampaign> = {}): Promise<CapCampaign> {
    const [row] = (await ds.query(
      `INSERT INTO campaigns (lead_source_id, lead_type_id, name, hour_max, day_max, month_max, time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, hour_max AS "hourMax", day_max AS "dayMax", month_max AS "monthMax", time_zone AS "timeZone"`,
      [catalog.leadSourceId, catalog.leadTypeId, `caps ${uniqueSuffix()}`, caps.hourMax ?? null, caps.dayMax ?? null, caps.monthMax ?? null, caps.timeZone ?? 'America/New_York'],
    )) as CapCampaign[];
    return row;
  }

  /** A stored lead of the campaign, received at `at`: what the counters are rebuilt from. */
  async function storedLead(campaign: CapCampaign, at: Date): Promise<void> {
    const { id } = await insertTestLead(ds, { leadSourceId: catalog.leadSourceId, leadTypeId: catalog.leadTypeId, campaignId: campaign.id });
    await ds.query(`UPDATE leads SET created_at = $2 WHERE id = $1`, [id, at]);
  }

  const outcome = (r: CapReserveResult) => (r.ok ? 'ok' : `${r.window}:${r.max}`);
  const tally = (results: CapReserveResult[]) =>
    results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [outcome(r)]: (acc[outcome(r)] ?? 0) + 1 }), {});
  const race = (campaign: CapCampaign, n: number, now?: Date) => Promise.all(Array.from({ length: n }, (_, i) => counters[i % counters.length].reserve(campaign, 1, now)));
  const dayCount = async (campaign: CapCampaign, dayId: string) => replicas[0].hget(`${prefix}cap:{c${campaign.id}}:day:${dayId}`, 'n');

  it('lets exactly the remaining number through when 20 posts race for the last 5 slots across replicas', async () => {
    const campaign = await newCampaign({ dayMax: 10 });
    for (let i = 0; i < 5; i++) expect((await counter.reserve(campaign)).ok).toBe(true);
    expect(tally(await race(campaign, 20))).toEqual({ ok: 5, 'day:10': 15 });
    expect(outcome(await counter.reserve(campaign))).toBe('day:10');
  });

  it('does not overshoot when the first reservations of a window race to initialise its counters', async () => {
    const now = new Date('2025-06-15T16:00:00Z');
    const campaign = await newCampaign({ dayMax: 5 });
    for (const minutesAgo of [30, 90, 600]) await storedLead(campaign, new Date(now.getTime() - minutesAgo * 60_000));
    // Three leads already stored today and no counter yet: of 20 racing posts, 2 get in.
    expect(tally(await race(campaign, 20, now))).toEqual({ ok: 2, 'day:5': 18 });
  });

  it('counts DayMax by the calendar day of the campaign zone, not UTC', async () => {
    const campaign = await newCampaign({ dayMax: 2, timeZone: 'America/Chicago' });
    // Feb 28 17:59 and 18:01 CST lie either side of UTC midnight: one Chicago day.
    expect((await counter.reserve(campaign, 1, new Date('2025-02-28T23:59:00Z'))).ok).toBe(true);
    expect((await counter.reserve(campaign, 1, new Date('2025-03-01T00:01:00Z'))).ok).toBe(true);
    expect(outcome(await counter.reserve(campaign, 1, new Date('2025-03-01T05:59:59.999Z')))).toBe('day:2');
    // Midnight in Chicago (UTC-6): a new day.
    expect((await counter.reserve(campaign, 1, new Date('2025-03-01T06:00:00Z'))).ok).toBe(true);
    expect(await dayCount(campaign, '2025-02-28')).toBe('2');
    expect(await dayCount(campaign, '2025-03-01')).toBe('1');
  });

  it('counts MonthMax by the calendar month of the campaign zone', async () => {
    const campaign = await newCampaign({ monthMax: 3, timeZone: 'Asia/Tokyo' });
    const lastMinuteOfJanuary = new Date('2025-01-31T14:59:00Z'); // 23:59 JST
    expect((await counter.reserve(campaign, 2, new Date('2025-01-01T00:00:00Z'))).ok).toBe(true); // Jan 1, 09:00 JST
    expect((await counter.reserve(campaign, 1, lastMinuteOfJanuary)).ok).toBe(true);
    expect(outcome(await counter.reserve(campaign, 1, lastMinuteOfJanuary))).toBe('month:3');
    // 2024-12-31T15:30Z is already January 1st in Tokyo: the same month, so also over.
    expect(outcome(await counter.reserve(campaign, 1, new Date('2024-12-31T15:30:00Z')))).toBe('month:3');
    expect((await counter.reserve(campaign, 3, new Date('2025-01-31T15:00:00Z'))).ok).toBe(true); // Feb 1, 00:00 JST
  });

  it('counts HourMax over a rolling 60-minute period, not the clock hour', async () => {
    const campaign = await newCampaign({ hourMax: 2, timeZone: 'Europe/Berlin' });
    const t = (hhmmss: string) => new Date(`2025-06-15T${hhmmss}Z`);
    expect((await counter.reserve(campaign, 1, t('10:00:10'))).ok).toBe(true);
    expect((await counter.reserve(campaign, 1, t('10:30:00'))).ok).toBe(true);
    expect(outcome(await counter.reserve(campaign, 1, t('10:59:59')))).toBe('hour:2');
    // A new clock hour, but the 10:00 lead is not 60 minutes old: still over.
    expect(outcome(await counter.reserve(campaign, 1, t('11:00:30')))).toBe('hour:2');
    expect((await counter.reserve(campaign, 1, t('11:01:00'))).ok).toBe(true);
    // 10:30 and 11:01 are within the last hour.
    expect(outcome(await counter.reserve(campaign, 1, t('11:29:00')))).toBe('hour:2');
    expect((await counter.reserve(campaign, 1, t('11:31:00'))).ok).toBe(true);
  });

  it('names the window that stays closed longest when several are full', async () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const all = await newCampaign({ hourMax: 1, dayMax: 1, monthMax: 1 });
    await counter.reserve(all, 1, now);
    expect(outcome(await counter.reserve(all, 1, now))).toBe('month:1');
    const hourAndDay = await newCampaign({ hourMax: 1, dayMax: 1, monthMax: 100 });
    await counter.reserve(hourAndDay, 1, now);
    expect(outcome(await counter.reserve(hourAndDay, 1, now))).toBe('day:1');
  });

  it('rebuilds lost counters from the stored leads after a flush, and still does not overshoot', async () => {
    const now = new Date('2025-06-15T16:00:00Z'); // 12:00 in New York
    const campaign = await newCampaign({ dayMax: 6 });
    for (const hoursAgo of [1, 3, 11]) await storedLead(campaign, new Date(now.getTime() - hoursAgo * 3_600_000));
    // Yesterday in New York: not today's count.
    await storedLead(campaign, new Date('2025-06-15T03:59:00Z'));
    expect((await counter.reserve(campaign, 1, now)).ok).toBe(true);
    expect(await dayCount(campaign, '2025-06-15')).toBe('4');
    await storedLead(campaign, now); // that reservation's lead, committed

    expect(await flushPrefix()).toBeGreaterThanOrEqual(3);
    // Postgres says 4 stored today: of 20 racing posts exactly 2 fit under 6.
    expect(tally(await race(campaign, 20, now))).toEqual({ ok: 2, 'day:6': 18 });
    expect(await dayCount(campaign, '2025-06-15')).toBe('6');
  });

  it('rebuilds the rolling hour from the stored leads per minute after a flush', async () => {
    const now = new Date('2025-06-15T16:00:00Z');
    const campaign = await newCampaign({ hourMax: 3 });
    for (const minutesAgo of [90, 61, 59, 5]) await storedLead(campaign, new Date(now.getTime() - minutesAgo * 60_000));
    await flushPrefix();
    // 59 and 5 minutes ago count, 61 and 90 do not: one slot left.
    expect(tally(await race(campaign, 6, now))).toEqual({ ok: 1, 'hour:3': 5 });
    // The 59-minute-old lead drops out two minutes later.
    expect((await counter.reserve(campaign, 1, new Date(now.getTime() + 2 * 60_000))).ok).toBe(true);
  });

  it('gives a released slot back, once, in every window', async () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const campaign = await newCampaign({ hourMax: 2, dayMax: 2, monthMax: 2 });
    const first = await counter.reserve(campaign, 1, now);
    expect((await counter.reserve(campaign, 1, now)).ok).toBe(true);
    expect(outcome(await counter.reserve(campaign, 1, now))).toBe('month:2');
    if (!first.ok) throw new Error('first reservation failed');
    await counter.release(first.reservation);
    await counter.release(first.reservation); // a second release gives nothing more
    expect((await counter.reserve(campaign, 1, now)).ok).toBe(true);
    expect(outcome(await counter.reserve(campaign, 1, now))).toBe('month:2');
  });

  it('gives back exactly the count of a multi-lead reservation, whichever replica releases it', async () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const campaign = await newCampaign({ hourMax: 5 });
    const batch = await counters[1].reserve(campaign, 4, now);
    if (!batch.ok) throw new Error('batch reservation failed');
    expect(outcome(await counter.reserve(campaign, 2, now))).toBe('hour:5');
    await counters[2].release(batch.reservation);
    expect((await counter.reserve(campaign, 5, now)).ok).toBe(true);
  });

  it('ignores the release of a reservation made in a counter that was lost and rebuilt since', async () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const campaign = await newCampaign({ dayMax: 2 });
    const lost = await counter.reserve(campaign, 1, now);
    if (!lost.ok) throw new Error('reservation failed');
    await flushPrefix(); // its lead was never stored, so the rebuilt count is 0 ...
    expect((await counter.reserve(campaign, 1, now)).ok).toBe(true); // ... and now 1
    await counter.release(lost.reservation); // must not take the new reservation's slot away
    expect((await counter.reserve(campaign, 1, now)).ok).toBe(true);
    expect(outcome(await counter.reserve(campaign, 1, now))).toBe('day:2');
  });

  it('takes all of a multi-lead reservation or none of it', async () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const campaign = await newCampaign({ dayMax: 5 });
    expect((await counter.reserve(campaign, 3, now)).ok).toBe(true);
    expect(outcome(await counter.reserve(campaign, 3, now))).toBe('day:5');
    expect(await dayCount(campaign, '2025-06-15')).toBe('3');
    expect((await counter.reserve(campaign, 2, now)).ok).toBe(true);
  });

  it.each([
    ['null', { hourMax: null, dayMax: null, monthMax: null }],
    ['0', { hourMax: 0, dayMax: 0, monthMax: 0 }],
    ['-1', { hourMax: -1, dayMax: -1, monthMax: -1 }],
  ])('treats a %s max as no max, yet keeps counting so a cap switched on later is right', async (_, caps) => {
    const now = new Date('2025-06-15T12:00:00Z');
    const campaign = await newCampaign(caps);
    expect(tally(await race(campaign, 30, now))).toEqual({ ok: 30 });
    expect(await dayCount(campaign, '2025-06-15')).toBe('30');
    expect(outcome(await counter.reserve({ ...campaign, dayMax: 30 }, 1, now))).toBe('day:30');
    expect(outcome(await counter.reserve({ ...campaign, hourMax: 31 }, 2, now))).toBe('hour:31');
  });

  it('refuses bad input before touching Redis', async () => {
    const campaign = await newCampaign({ dayMax: 5 });
    for (const count of [0, -1, 1.5, Number.NaN]) await expect(counter.reserve(campaign, count)).rejects.toThrow(RangeError);
    await expect(counter.reserve({ ...campaign, timeZone: 'Mars/Olympus_Mons' })).rejects.toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
    await expect(counter.reserve({ ...campaign, timeZone: '' })).rejects.toThrow(RangeError);
    await expect(counter.reserve({ ...campaign, id: 0 })).rejects.toThrow(RangeError);
    await expect(counter.reserve(campaign, 1, new Date('nope'))).rejects.toThrow(RangeError);
    expect(await replicas[0].keys(`${prefix}cap:{c${campaign.id}}*`)).toEqual([]);
  });

  it('expires each counter after its window', async () => {
    const now = new Date();
    const campaign = await newCampaign({ dayMax: 5 });
    const r = await counter.reserve(campaign, 1, now);
    if (!r.ok) throw new Error('reservation failed');
    const [hour, day, month] = await Promise.all(r.reservation.slots.map((s) => replicas[0].pttl(s.key)));
    expect(hour).toBeGreaterThan(61 * 60_000);
    expect(hour).toBeLessThanOrEqual(62 * 60_000);
    // A day lasts at most 25 hours, plus an hour of slack; a month at most 31 days plus slack.
    expect(day).toBeGreaterThan(3_600_000);
    expect(day).toBeLessThanOrEqual(26 * 3_600_000);
    expect(month).toBeGreaterThanOrEqual(day);
    expect(month).toBeLessThanOrEqual(31 * 24 * 3_600_000 + 2 * 3_600_000);
  });
});
