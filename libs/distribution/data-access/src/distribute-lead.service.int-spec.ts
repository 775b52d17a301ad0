import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryCompletedV1, DeliveryOutcome, EventEnvelope, LeadScreenedV1 } from '@leadx/contracts';
import { DemoCatalog, loadUsZipData, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DistributeLeadService } from './distribute-lead.service';
import { ScanCriteriaEnvironment } from './scan-criteria-environment';

/** The scanner's choices and waterfall against real Postgres. */
describe('DistributeLeadService', () => {
  let ds: DataSource;
  let catalog: DemoCatalog;
  let thirdAccountId: number;
  const service = `scanner-test-${uniqueSuffix()}`;
  const scanner = new DistributeLeadService(new Outbox(service));

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    // A cheaper Texas account below the demo's (price 20), for the waterfall.
    const [row] = await ds.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, criteria, delivery_method)
       VALUES ($1, $2, 'cheaper TX', 15, '[{"field":"State","operator":"Equal","value":"TX"}]', '{"type":"JSON","url":"http://127.0.0.1:9"}') RETURNING id`,
      [catalog.clientId, catalog.leadTypeId],
    );
    thirdAccountId = row.id;
  });
  afterAll(() => ds.destroy());

  const run = (fn: (ctx: EventContext) => Promise<void>) =>
    ds.transaction((manager) =>
      fn({ envelope: { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope, manager, topic: 'compliance.lead.screened.v1', partition: 0, offset: '0' }),
    );

  const screened = (lead: { id: number; uid: string }, verdict: LeadScreenedV1['verdict'] = 'passed', fields = { State: 'TX' }) =>
    LeadScreenedV1.of({ leadId: lead.id, leadUid: lead.uid, campaignId: catalog.campaignId, leadTypeId: catalog.leadTypeId, verdict, reasons: [], fields });

  const events = async (leadId: number) =>
    ((await ds.query(`SELECT topic, envelope->'payload' AS p FROM outbox WHERE service = $1 AND message_key = $2 ORDER BY id`, [service, String(leadId)])) as Array<{
      topic: string;
      p: Record<string, unknown>;
    }>);

  const completed = (lead: { id: number; uid: string }, accountId: number, outcome: DeliveryOutcome) =>
    ds
      .query(`SELECT id::int AS id FROM delivery_assignments WHERE lead_id = $1 AND delivery_account_id = $2`, [lead.id, accountId])
      .then(([a]: Array<{ id: number }>) =>
        DeliveryCompletedV1.of({ leadId: lead.id, leadUid: lead.uid, deliveryAccountId: accountId, assignmentId: a.id, sendId: 1, outcome, price: outcome === 'sold' ? 20 : 0 }),
      );

  it('requests the best-priced matching account and logs why the others were skipped', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    await run((ctx) => scanner.onScreened(screened(lead), ctx));
    const out = await events(lead.id);
    expect(out.map((e) => [e.topic, e.p['deliveryAccountId']])).toEqual([['distribution.delivery.requested.v1', catalog.deliveryAccountId]]);
    const logs = await ds.query(`SELECT delivery_account_id AS id, passed FROM scan_logs WHERE lead_id = $1 ORDER BY id`, [lead.id]);
    expect(logs).toEqual(
      expect.arrayContaining([
        { id: catalog.deliveryAccountId, passed: true },
        { id: catalog.otherDeliveryAccountId, passed: false },
        { id: thirdAccountId, passed: true },
      ]),
    );
  });

  it('moves down the waterfall on a failed delivery and ends unsold when none is left', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    await run((ctx) => scanner.onScreened(screened(lead), ctx));
    const first = await completed(lead, catalog.deliveryAccountId, 'failed');
    await run((ctx) => scanner.onDeliveryCompleted(first, ctx));
    let out = await events(lead.id);
    expect(out.at(-1)).toMatchObject({ topic: 'distribution.delivery.requested.v1', p: { deliveryAccountId: thirdAccountId } });

    // The same outcome redelivered must not request the same account again.
    await run((ctx) => scanner.onDeliveryCompleted(first, ctx));
    const second = await completed(lead, thirdAccountId, 'rejected');
    await run((ctx) => scanner.onDeliveryCompleted(second, ctx));
    out = await events(lead.id);
    const requested = out.filter((e) => e.topic === 'distribution.delivery.requested.v1').map((e) => e.p['deliveryAccountId']);
    expect(new Set(requested).size).toBe(requested.length);
    expect(out.at(-1)).toMatchObject({ topic: 'distribution.lead.completed.v1', p: { disposition: 'unsold', sales: 0 } });
  });

  it('completes as sold after MaxSell sales', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    await run((ctx) => scanner.onScreened(screened(lead), ctx));
    await run(async (ctx) => scanner.onDeliveryCompleted(await completed(lead, catalog.deliveryAccountId, 'sold'), ctx));
    const out = await events(lead.id);
    expect(out.at(-1)).toMatchObject({ topic: 'distribution.lead.completed.v1', p: { disposition: 'sold', sales: 1, revenue: 20 } });
  });

  it.each([
    ['rejected by compliance', 'rejected', { State: 'TX' }, 'rejected'],
    ['matching no account', 'passed', { State: 'NY' }, 'unsold'],
  ] as const)('a lead %s reaches a terminal state without any delivery', async (_what, verdict, fields, disposition) => {
    const lead = await insertTestLead(ds, catalog, fields);
    await run((ctx) => scanner.onScreened(screened(lead, verdict, fields), ctx));
    const out = await events(lead.id);
    expect(out.map((e) => e.topic)).toEqual(['distribution.lead.completed.v1']);
    expect(out[0].p['disposition']).toBe(disposition);
  });

  it('holds a lead for its sendDelay, then releases it once when due', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    // 0.01 h = 36 s (the column keeps hundredths of an hour); received 33 s ago, so due in about 3 s.
    await ds.query(`UPDATE leads SET send_delay_hours = 0.01, created_at = now() - interval '33 seconds' WHERE id = $1`, [lead.id]);
    await run((ctx) => scanner.onScreened(screened(lead), ctx));
    expect(await events(lead.id)).toEqual([]);
    expect((await ds.query(`SELECT count(*)::int AS n FROM scheduled_distributions WHERE lead_id = $1`, [lead.id]))[0].n).toBe(1);
    // Other suites' parked leads may be released too; only this lead's events are asserted.
    await scanner.releaseDue(ds);
    expect(await events(lead.id)).toEqual([]);
    await new Promise((r) => setTimeout(r, 3_200));
    await Promise.all([scanner.releaseDue(ds), scanner.releaseDue(ds)]);
    const out = await events(lead.id);
    expect(out.map((e) => [e.topic, e.p['deliveryAccountId']])).toEqual([['distribution.delivery.requested.v1', catalog.deliveryAccountId]]);
    expect((await ds.query(`SELECT count(*)::int AS n FROM scheduled_distributions WHERE lead_id = $1`, [lead.id]))[0].n).toBe(0);
  });

  it('never delivers a noSell lead', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    await ds.query(`UPDATE leads SET no_sell = true WHERE id = $1`, [lead.id]);
    await run((ctx) => scanner.onScreened(screened(lead), ctx));
    expect((await events(lead.id)).map((e) => e.p['disposition'])).toEqual(['not_sold_no_sell']);
  });
});

describe('DistributeLeadService with zip data', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
    await loadUsZipData(ds);
  });
  afterAll(() => ds.destroy());

  it("honours an account's Distance_Compare criterion against real zip data", async () => {
    const service = `scanner-zip-${uniqueSuffix()}`;
    const environment = new ScanCriteriaEnvironment(ds);
    const scanner = new DistributeLeadService(new Outbox(service), () => environment.get());
    const catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    await ds.query(`UPDATE delivery_accounts SET status = 'Closed' WHERE client_id = $1`, [catalog.clientId]);
    const [nyc] = await ds.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, criteria, delivery_method)
       VALUES ($1, $2, 'within 25 mi of 10001', 10, '[{"field":"Zip","operator":"Distance_Compare","value":"10001|25"}]', '{"type":"JSON","url":"http://127.0.0.1:9"}') RETURNING id`,
      [catalog.clientId, catalog.leadTypeId],
    );
    const scan = async (zip: string) => {
      const lead = await insertTestLead(ds, catalog, { Zip: zip });
      await ds.transaction((manager) =>
        scanner.onScreened(
          LeadScreenedV1.of({ leadId: lead.id, leadUid: lead.uid, campaignId: catalog.campaignId, leadTypeId: catalog.leadTypeId, verdict: 'passed', reasons: [], fields: { Zip: zip } }),
          { envelope: { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope, manager, topic: 'compliance.lead.screened.v1', partition: 0, offset: '0' },
        ),
      );
      return (await ds.query(`SELECT passed, message FROM scan_logs WHERE lead_id = $1 AND delivery_account_id = $2`, [lead.id, nyc.id]))[0];
    };
    expect(await scan('10002')).toMatchObject({ passed: true });
    const far = await scan('90001');
    expect(far.passed).toBe(false);
    expect(far.message).toMatch(/^criteria failed: Zip Distance_Compare 10001\|25/);
  });
});
