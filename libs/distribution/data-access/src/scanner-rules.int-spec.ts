import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { DeliveryCompletedV1, EventEnvelope, LeadScreenedV1 } from '@leadx/contracts';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { createRedis } from '@leadx/platform-redis';
import { insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DistributeLeadService } from './distribute-lead.service';
import { AccountMaxCounter } from './maxes/account-max-counter';
import { RoundRobinTurns } from './maxes/round-robin-turns';

/** The scanner's rules against real Postgres and Redis: maxes, orders, lists, delivery days, expressions, ranking, DeliveryDelay. */
describe('DistributeLeadService: maxes and the new eligibility rules', () => {
  const prefix = `test:dmax:${uniqueSuffix()}:`;
  const service = `scanner-maxes-${uniqueSuffix()}`;
  let ds: DataSource;
  let redis: Redis[];
  let scanners: DistributeLeadService[];
  let catalog: DemoCatalog;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 10 })).initialize();
    // Four connections stand in for four scanner replicas.
    redis = [0, 1, 2, 3].map((i) => createRedis(testEnv.redisUrl, { name: `leadx-dmax-test-${i}` }));
    scanners = redis.map((r) => new DistributeLeadService(new Outbox(service), undefined, { maxes: new AccountMaxCounter(r, prefix), turns: new RoundRobinTurns(r, prefix) }));
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    await ds.query(`UPDATE delivery_accounts SET status = 'Closed' WHERE client_id = $1`, [catalog.clientId]);
  });
  afterAll(async () => {
    await flushPrefix();
    await Promise.all(redis.map((r) => r.quit()));
    await ds.destroy();
  });

  /** What a Redis restart does to this suite's keys, without touching anyone else's. */
  async function flushPrefix(): Promise<void> {
    const keys = await redis[0].keys(`${prefix}*`);
    if (keys.length) await redis[0].del(...keys);
  }

  async function newClient(extra = ''): Promise<number> {
    const [c] = await ds.query(`INSERT INTO clients (name, time_zone ${extra ? ', automation_type' : ''}) VALUES ($1, 'America/Chicago' ${extra ? ', $2' : ''}) RETURNING id`, extra ? [`c ${uniqueSuffix()}`, extra] : [`c ${uniqueSuffix()}`]);
    return c.id;
  }

  async function newAccount(clientId: number, price: number, criteria: unknown[], extra: Record<string, unknown> = {}): Promise<number> {
    const cols = Object.keys(extra);
    const [a] = await ds.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, criteria, delivery_method ${cols.map((c) => `, ${c}`).join('')})
       VALUES ($1, $2, $3, $4, $5, '{"type":"JSON","url":"http://127.0.0.1:9"}' ${cols.map((_, i) => `, $${i + 6}`).join('')}) RETURNING id`,
      [clientId, catalog.leadTypeId, `acct ${uniqueSuffix()}`, price, JSON.stringify(criteria), ...Object.values(extra)],
    );
    return a.id;
  }

  const ctx = (manager: EventContext['manager']): EventContext => ({
    envelope: { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope, manager, topic: 'compliance.lead.screened.v1', partition: 0, offset: '0',
  });

  /** Scans a fresh lead on one replica; answers the accounts it was assigned to. */
  async function scan(fields: Record<string, string>, replica = 0): Promise<{ leadId: number; leadUid: string; assigned: number[] }> {
    const lead = await insertTestLead(ds, catalog, fields);
    await ds.transaction((m) =>
      scanners[replica].onScreened(
        LeadScreenedV1.of({ leadId: lead.id, leadUid: lead.uid, campaignId: catalog.campaignId, leadTypeId: catalog.leadTypeId, verdict: 'passed', reasons: [], fields }),
        ctx(m),
      ),
    );
    const rows = (await ds.query(`SELECT delivery_account_id AS id FROM delivery_assignments WHERE lead_id = $1`, [lead.id])) as Array<{ id: number }>;
    return { leadId: lead.id, leadUid: lead.uid, assigned: rows.map((r) => r.id) };
  }

  const logOf = async (leadId: number, accountId: number) =>
    ((await ds.query(`SELECT message FROM scan_logs WHERE lead_id = $1 AND delivery_account_id = $2`, [leadId, accountId])) as Array<{ message: string }>)[0]?.message;

  it('lets exactly one of 20 concurrent leads take the last slot, and none after a Redis restart until a failed delivery frees one', async () => {
    const clientId = await newClient();
    const state = `M${uniqueSuffix().slice(0, 6)}`;
    const criteria = [{ field: 'State', operator: 'Equal', value: state }];
    const capped = await newAccount(clientId, 50, criteria, { day_max: 3 });
    const fallback = await newAccount(clientId, 5, criteria);

    expect((await scan({ State: state })).assigned).toEqual([capped]);
    expect((await scan({ State: state })).assigned).toEqual([capped]);
    const raced = await Promise.all(Array.from({ length: 20 }, (_, i) => scan({ State: state }, i % 4)));
    expect(raced.filter((r) => r.assigned.includes(capped))).toHaveLength(1);
    expect(raced.filter((r) => r.assigned.includes(fallback))).toHaveLength(19);

    await flushPrefix(); // Redis restart: the counter is rebuilt from Postgres before reserving
    const after = await scan({ State: state }, 1);
    expect(after.assigned).toEqual([fallback]);
    expect(await logOf(after.leadId, capped)).toBe('day max of 3 reached');

    // A failed delivery gives its slot back, once even if the outcome is redelivered.
    const winner = raced.find((r) => r.assigned.includes(capped));
    const [assignment] = await ds.query(`SELECT id::int AS id FROM delivery_assignments WHERE lead_id = $1`, [winner?.leadId]);
    const failed = DeliveryCompletedV1.of({ leadId: winner?.leadId ?? 0, leadUid: winner?.leadUid ?? '', deliveryAccountId: capped, assignmentId: assignment.id, sendId: 1, outcome: 'failed', price: 0 });
    for (let i = 0; i < 2; i++) await ds.transaction((m) => scanners[2].onDeliveryCompleted(failed, ctx(m)));
    expect((await scan({ State: state })).assigned).toEqual([capped]);
    expect((await scan({ State: state })).assigned).toEqual([fallback]);
  });

  it("honours delivery days on the client's clock and Expression criteria through the safe engine", async () => {
    const clientId = await newClient();
    const state = `D${uniqueSuffix().slice(0, 6)}`;
    const [method] = await ds.query(`INSERT INTO delivery_methods (client_id, type, name) VALUES ($1, 'XML / JSON', 'closed all week') RETURNING id`, [clientId]);
    for (let day = 0; day < 7; day++) {
      await ds.query(`INSERT INTO delivery_method_days (delivery_method_id, week_day, allow) VALUES ($1, $2, false)`, [method.id, day]);
    }
    const closed = await newAccount(clientId, 90, [{ field: 'State', operator: 'Equal', value: state }], { delivery_method_id: method.id });
    const expression = await newAccount(clientId, 80, [{ field: '', operator: 'Equal', value: '', type: 'Expression', expression: `State == "${state}" && Age >= 21` }]);

    const adult = await scan({ State: state, Age: '30' });
    expect(adult.assigned).toEqual([expression]);
    expect(await logOf(adult.leadId, closed)).toMatch(/^delivery days: refused \w+day 00:00-23:59/);
    const minor = await scan({ State: state, Age: '19' });
    expect(minor.assigned).toEqual([]);
    expect(await logOf(minor.leadId, expression)).toMatch(/expression is false/);
  });

  async function newOrder(clientId: number, accountId: number, qty: number, renewal: string): Promise<number> {
    const [o] = await ds.query(`INSERT INTO orders (client_id, start_date, end_date, status, renewal) VALUES ($1, now() - interval '1 day', now() + interval '1 day', 'Open', $2) RETURNING id`, [clientId, renewal]);
    await ds.query(`INSERT INTO order_items (order_id, delivery_account_id, qty, price, constrain_quantity) VALUES ($1, $2, $3, 100, true)`, [o.id, accountId, qty]);
    return o.id;
  }
  const orderStatus = async (clientId: number) =>
    ((await ds.query(`SELECT o.status, i.sent_qty FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.client_id = $1 ORDER BY o.id`, [clientId])) as Array<{ status: string; sent_qty: number }>);

  it('sends useOrder accounts leads only while an open order item has room, and gives a failed one back', async () => {
    const clientId = await newClient();
    const state = `O${uniqueSuffix().slice(0, 6)}`;
    const account = await newAccount(clientId, 40, [{ field: 'State', operator: 'Equal', value: state }], { use_order: true });
    expect((await scan({ State: state })).assigned).toEqual([]); // no order yet
    await newOrder(clientId, account, 1, 'No_Renewal');
    const first = await scan({ State: state });
    expect(first.assigned).toEqual([account]);
    expect(await logOf(first.leadId, account)).toMatch(/counted on order \d+ item \d+$/);
    const second = await scan({ State: state });
    expect(second.assigned).toEqual([]);
    expect(await logOf(second.leadId, account)).toBe('no open order item with room');
    expect(await orderStatus(clientId)).toEqual([{ status: 'Filled', sent_qty: 1 }]);

    const [assignment] = await ds.query(`SELECT id::int AS id FROM delivery_assignments WHERE lead_id = $1`, [first.leadId]);
    const rejected = DeliveryCompletedV1.of({ leadId: first.leadId, leadUid: first.leadUid, deliveryAccountId: account, assignmentId: assignment.id, sendId: 1, outcome: 'rejected', price: 0 });
    await ds.transaction((m) => scanners[0].onDeliveryCompleted(rejected, ctx(m)));
    expect(await orderStatus(clientId)).toEqual([{ status: 'Open', sent_qty: 0 }]);
    expect((await scan({ State: state })).assigned).toEqual([account]);
  });

  it('renews an order On_Qty_Fill as soon as it is filled', async () => {
    const clientId = await newClient();
    const state = `Q${uniqueSuffix().slice(0, 6)}`;
    const account = await newAccount(clientId, 40, [{ field: 'State', operator: 'Equal', value: state }], { use_order: true });
    await newOrder(clientId, account, 1, 'On_Qty_Fill');
    expect((await scan({ State: state })).assigned).toEqual([account]);
    expect((await scan({ State: state })).assigned).toEqual([account]);
    expect(await orderStatus(clientId)).toEqual([{ status: 'Filled', sent_qty: 1 }, { status: 'Filled', sent_qty: 1 }, { status: 'Open', sent_qty: 0 }]);
  });

  it('renews an order On_End once its end date has passed', async () => {
    const clientId = await newClient();
    const state = `E${uniqueSuffix().slice(0, 6)}`;
    const account = await newAccount(clientId, 40, [{ field: 'State', operator: 'Equal', value: state }], { use_order: true });
    const [o] = await ds.query(
      `INSERT INTO orders (client_id, start_date, end_date, status, renewal) VALUES ($1, now() - interval '10 days', now() - interval '1 day', 'Open', 'On_End') RETURNING id`,
      [clientId],
    );
    await ds.query(`INSERT INTO order_items (order_id, delivery_account_id, qty, price, constrain_quantity) VALUES ($1, $2, 5, 100, true)`, [o.id, account]);
    expect((await scan({ State: state })).assigned).toEqual([account]);
    const orders = await ds.query(`SELECT status, end_date - start_date AS length, start_date = (SELECT end_date FROM orders WHERE id = $2) AS continues FROM orders WHERE client_id = $1 ORDER BY id`, [clientId, o.id]);
    expect(orders.map((r: { status: string; continues: boolean }) => [r.status, r.continues])).toEqual([['Closed', false], ['Open', true]]);
    expect(await orderStatus(clientId)).toEqual([{ status: 'Closed', sent_qty: 0 }, { status: 'Open', sent_qty: 1 }]);
  });

  it("restricts clients by the distribution list of the lead's value, else its default client", async () => {
    const [a, b] = [await newClient(), await newClient()];
    const state = `L${uniqueSuffix().slice(0, 6)}`;
    const criteria = [{ field: 'Email', operator: 'Equal', value: `${state}@x.co` }];
    const [accA, accB] = [await newAccount(a, 10, criteria), await newAccount(b, 5, criteria)];
    const [field] = await ds.query(`SELECT id FROM lead_type_fields WHERE lead_type_id = $1 AND name = 'State'`, [catalog.leadTypeId]);
    const [list] = await ds.query(`INSERT INTO distribution_lists (lead_type_id, lead_field_id, name, default_client_id) VALUES ($1, $2, 'by state', $3) RETURNING id`, [catalog.leadTypeId, field.id, a]);
    const [item] = await ds.query(`INSERT INTO distribution_list_items (list_id, value) VALUES ($1, $2) RETURNING id`, [list.id, state]);
    await ds.query(`INSERT INTO distribution_list_assignments (list_id, item_id, client_id) VALUES ($1, $2, $3)`, [list.id, item.id, b]);
    try {
      const listed = await scan({ State: ` ${state.toLowerCase()} `, Email: `${state}@x.co` });
      expect(listed.assigned).toEqual([accB]);
      expect(await logOf(listed.leadId, accA)).toMatch(/^distribution list "by state": State ".+" goes to client \d+$/);
      expect((await scan({ State: 'ZZ', Email: `${state}@x.co` })).assigned).toEqual([accA]);
    } finally {
      await ds.query(`UPDATE distribution_lists SET status = 0 WHERE id = $1`, [list.id]); // other suites share the lead type
    }
  });

  it("holds an account's DeliveryDelay and then requests the delivery once", async () => {
    const clientId = await newClient();
    const state = `W${uniqueSuffix().slice(0, 6)}`;
    const account = await newAccount(clientId, 40, [{ field: 'State', operator: 'Equal', value: state }], { delivery_delay_seconds: 2 });
    // Any service's rows: a scanner of a concurrent e2e suite (its poller on) may be the one that
    // releases the due delivery; what matters is that it is requested exactly once.
    const requests = async (leadId: number) =>
      ((await ds.query(
        `SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND topic = 'distribution.delivery.requested.v1' AND envelope->'payload'->>'leadId' = $1`,
        [String(leadId)],
      )) as Array<{ n: number }>)[0].n;
    const lead = await scan({ State: state });
    expect(lead.assigned).toEqual([account]);
    await scanners[0].releaseDueDeliveries(ds);
    expect(await requests(lead.leadId)).toBe(0);
    await new Promise((r) => setTimeout(r, 2_100));
    // Only the deliveries: releasing parked leads would take other suites' sendDelay leads.
    await Promise.all([scanners[0].releaseDueDeliveries(ds), scanners[1].releaseDueDeliveries(ds)]);
    expect(await requests(lead.leadId)).toBe(1);
  });

  it("takes a RoundRobin client's accounts in turn across replicas", async () => {
    const clientId = await newClient('RoundRobin');
    const state = `R${uniqueSuffix().slice(0, 6)}`;
    const ids = [await newAccount(clientId, 10, [{ field: 'State', operator: 'Equal', value: state }]), await newAccount(clientId, 30, [{ field: 'State', operator: 'Equal', value: state }])];
    const got: number[] = [];
    for (let i = 0; i < 4; i++) got.push(...(await scan({ State: state }, i)).assigned);
    expect(got).toEqual([ids[0], ids[1], ids[0], ids[1]]);
  });
});
