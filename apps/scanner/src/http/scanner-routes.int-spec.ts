import { DataSource } from 'typeorm';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { loadConfig } from '@leadx/platform-config';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import { RunningService } from '@leadx/platform-runtime';
import { callJson, insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { ScannerConfig } from '../config/scanner.config';
import { startScanner } from '../start-scanner';

/** Seed 003's scanner routes over HTTP against the scanner running in-process on the real infrastructure. */
describe('scanner routes', () => {
  const prefix = `scan-${uniqueSuffix()}.`;
  let service: RunningService;
  let ds: DataSource;
  let catalog: DemoCatalog;

  beforeAll(async () => {
    await ensureTopics(createKafka({ brokers: testEnv.kafkaBrokers, clientId: 'scan-test' }), allPlatformTopics(prefix), { partitions: 1 });
    const config = loadConfig(ScannerConfig, {
      DATABASE_URL: testEnv.databaseUrl, REDIS_URL: testEnv.redisUrl, KAFKA_BROKERS: testEnv.kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: prefix,
      // No release poller during the test: it would release other suites' parked leads under this service's name.
      PORT: '0', LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '4', SCHEDULE_POLL_MS: '2000000000',
    });
    service = await startScanner(config);
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 3 })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `routes-${uniqueSuffix()}` });
  });
  afterAll(async () => {
    await service.close();
    await ds.destroy();
  });

  // Status and body only: the assertions compare whole answers.
  const call = async (method: string, path: string, body?: unknown) => {
    const { status, body: answer } = await callJson(service.url, method, path, body);
    return { status, body: answer };
  };

  it('scans without sending (general and by criteria)', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    const general = await call('POST', '/v2/delivery/scanner/general', { LeadUID: lead.id, Automated: true, AllowOverMax: false, IgnoreExclusive: false, ScanType: 'General' });
    expect(general).toEqual({ status: 200, body: [{ ClientUID: catalog.clientId, ClientAccountUID: catalog.deliveryAccountId, ClientOrderUID: 0, ClientOrderItemUID: 0, Automation: true }] });
    expect((await call('POST', '/v2/delivery/scanner/general', { LeadUID: lead.id, ScanType: 'LiveCall' })).body).toEqual([]);
    expect((await call('POST', '/v2/delivery/scanner/general', { LeadUID: lead.id, ScanType: 'Fax' })).status).toBe(400);
    expect((await call('POST', '/v2/delivery/scanner/general', { LeadUID: 2_000_000_000, ScanType: 'General' })).status).toBe(404);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM delivery_assignments WHERE lead_id = $1`, [lead.id]))[0].n)).toBe(0);

    const ca = await call('POST', `/v1/clients/scanner/criteria/${catalog.leadTypeId}`, [{ Name: 'State', Value: 'CA' }]);
    expect(ca.status).toBe(200);
    expect(ca.body).toEqual([expect.objectContaining({ ClientUID: catalog.clientId, Price: expect.any(Number), Website: '' })]);
    expect((await call('POST', `/v1/clients/scanner/criteria/${catalog.leadTypeId}`, [{ Name: 'State', Value: 'NY' }])).body).toEqual([]);
  });

  it("restricts a lead to its campaign's exclusive client unless IgnoreExclusive", async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    const [{ id: other }] = (await ds.query(`INSERT INTO clients (name) VALUES ('exclusive buyer') RETURNING id`)) as Array<{ id: number }>;
    await ds.query(`UPDATE campaigns SET legacy = legacy || jsonb_build_object('ExclusiveClientUID', $2::int) WHERE id = $1`, [catalog.campaignId, other]);
    try {
      const scan = (IgnoreExclusive: boolean) => call('POST', '/v2/delivery/scanner/general', { LeadUID: lead.id, Automated: true, AllowOverMax: false, IgnoreExclusive, ScanType: 'General' });
      expect((await scan(false)).body).toEqual([]);
      expect((await scan(true)).body).toEqual([expect.objectContaining({ ClientUID: catalog.clientId, ClientAccountUID: catalog.deliveryAccountId })]);
      expect((await call('POST', '/v1/delivery/autosend', { LeadUID: lead.id })).body).toMatchObject({ isValid: false, Response: 'no eligible delivery account' });
    } finally {
      await ds.query(`UPDATE campaigns SET legacy = legacy - 'ExclusiveClientUID' WHERE id = $1`, [catalog.campaignId]);
    }
  });

  it('auto-sends a lead and serves its scan logs', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    const sent = await call('POST', '/v1/delivery/autosend', { LeadUID: lead.id, AllowOverMax: false, ForceIDs: ['', ''] });
    expect(sent).toEqual({
      status: 200,
      body: expect.objectContaining({ ClientUID: catalog.clientId, DeliveryAccountUID: catalog.deliveryAccountId, isValid: true, Status: 'Queued', OrderUID: 0 }),
    });
    const again = await call('POST', '/v1/delivery/autosend', { LeadUID: lead.id });
    expect(again.body).toMatchObject({ isValid: false, Response: 'the lead is at its MaxSell' });
    const logs = await call('GET', `/v1/delivery/scanner/logs/${lead.id}`);
    expect(logs.status).toBe(200);
    expect(logs.body).toEqual(
      expect.arrayContaining([
        { LeadUID: lead.id, ScanDate: expect.any(String), Log: expect.stringMatching(new RegExp(`^account ${catalog.deliveryAccountId} ".*": eligible: passed 1 criteria$`)) },
        // The CA account is left out by the State index: one summary line instead of its own.
        { LeadUID: lead.id, ScanDate: expect.any(String), Log: 'scan: stopped: 1 account(s) not scanned: their criteria on State exclude "TX"' },
      ]),
    );
    expect((await call('GET', '/v1/delivery/scanner/logs/2000000000')).status).toBe(404);
  });

  it('runs and schedules automation through the scheduled distributions', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(await call('POST', `/v1/delivery/scheduleautomation/${lead.id}`, { SendDateUtc: later })).toEqual({ status: 200, body: 'Record has been scheduled for automation' });
    const [row] = await ds.query(`SELECT due_at FROM scheduled_distributions WHERE lead_id = $1`, [lead.id]);
    expect(new Date(row.due_at).toISOString()).toBe(later);
    expect((await call('POST', `/v1/delivery/scheduleautomation/${lead.id}`, { SendDateUtc: 'tomorrow' })).status).toBe(400);

    expect(await call('POST', `/v1/delivery/runautomation/${lead.id}`)).toEqual({ status: 200, body: 'Record has been scheduled for automation' });
    const [now] = await ds.query(`SELECT due_at <= now() AS due FROM scheduled_distributions WHERE lead_id = $1`, [lead.id]);
    expect(now.due).toBe(true); // releaseDue (tested with sendDelay) distributes it on the next poll
    await ds.query(`DELETE FROM scheduled_distributions WHERE lead_id = $1`, [lead.id]);

    // A lead with a delivery under way is not run again.
    await call('POST', '/v1/delivery/autosend', { LeadUID: lead.id });
    expect((await call('POST', `/v1/delivery/runautomation/${lead.id}`)).body).toEqual({ StatusCode: 409, Error: 'Conflict', Message: 'a delivery of the lead is in progress' });
  });
});
