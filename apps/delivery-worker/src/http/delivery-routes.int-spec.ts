import { DataSource } from 'typeorm';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { loadConfig } from '@leadx/platform-config';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import { RunningService } from '@leadx/platform-runtime';
import { callJson, insertTestLead, RecordingBuyer, startRecordingBuyer, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DeliveryWorkerConfig } from '../config/delivery-worker.config';
import { startDeliveryWorker } from '../start-delivery-worker';

/** Seed 003's delivery routes over HTTP against the delivery worker running in-process on the real infrastructure. */
describe('delivery routes', () => {
  const prefix = `dlv-${uniqueSuffix()}.`;
  let service: RunningService;
  let ds: DataSource;
  let buyer: RecordingBuyer;
  let catalog: DemoCatalog;

  beforeAll(async () => {
    await ensureTopics(createKafka({ brokers: testEnv.kafkaBrokers, clientId: 'dlv-test' }), allPlatformTopics(prefix), { partitions: 1 });
    const config = loadConfig(DeliveryWorkerConfig, {
      DATABASE_URL: testEnv.databaseUrl, REDIS_URL: testEnv.redisUrl, KAFKA_BROKERS: testEnv.kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: prefix,
      PORT: '0', LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '4', DELIVERY_URL_ALLOW_PRIVATE: 'true', DELIVERY_RETRY_BASE_MS: '10',
    });
    service = await startDeliveryWorker(config);
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 3 })).initialize();
    buyer = await startRecordingBuyer();
    catalog = await seedDemoCatalog(ds, { buyerUrl: buyer.url, name: `routes-${uniqueSuffix()}` });
    // Contact details of the buyer are client fields.
    for (const [descriptor, value] of [['First Name', 'Grace'], ['Email', 'grace@buyer.example'], ['Postal Code', '73301']]) {
      const [f] = (await ds.query(`INSERT INTO client_fields (descriptor) VALUES ($1) RETURNING id`, [`${descriptor}`])) as Array<{ id: number }>;
      await ds.query(`INSERT INTO client_field_values (client_id, client_field_id, value) VALUES ($1, $2, $3)`, [catalog.clientId, f.id, value]);
    }
  });
  afterAll(async () => {
    await service?.close();
    await buyer?.close();
    await ds?.destroy();
  });

  // Status and body only: the assertions compare whole answers.
  const call = async (method: string, path: string, body?: unknown) => {
    const { status, body: answer } = await callJson(service.url, method, path, body);
    return { status, body: answer };
  };

  it('processes a delivery once, confirms it, and lists it in the lead\'s sends', async () => {
    const lead = await insertTestLead(ds, catalog, { FirstName: 'Ada', State: 'TX' });
    const input = { LeadUID: lead.id, ClientUID: catalog.clientId, ClientAccountUID: catalog.deliveryAccountId, ClientOrderUID: 0, Notes: 'by hand', AllowOverMax: false };
    const first = await call('POST', '/v1/delivery/process', input);
    expect(first).toEqual({ status: 200, body: { isValid: true, Status: 'sold', Response: '{"result":"success"}' } });
    expect(buyer.received.filter((p) => JSON.parse(p.body).leadId === lead.id)).toHaveLength(1);

    const again = await call('POST', '/v1/delivery/process', { ...input, AllowOverMax: true });
    expect(again.body).toMatchObject({ isValid: true, Status: 'duplicate' });
    expect(buyer.received.filter((p) => JSON.parse(p.body).leadId === lead.id)).toHaveLength(1);

    expect((await call('POST', `/v1/delivery/${catalog.clientId}/confirm/${lead.id}`)).status).toBe(200);
    expect((await call('POST', `/v1/delivery/${catalog.clientId + 1000}/confirm/${lead.id}`)).status).toBe(404);
    const [send] = await ds.query(`SELECT confirmed_at IS NOT NULL AS confirmed, notes FROM sends WHERE lead_id = $1`, [lead.id]);
    expect(send).toEqual({ confirmed: true, notes: 'by hand' });

    const redirect = await call('POST', '/v1/delivery/redirectconfirmation', { LeadUID: lead.id, RedirectURL: 'https://buyer.example/thanks', IsValid: 1, Response: 'ok' });
    expect(redirect).toEqual({ status: 200, body: { isValid: true, Status: 'redirected', Response: 'ok' } });

    const sends = await call('GET', `/v1/delivery/sends/${lead.id}`);
    expect(sends.status).toBe(200);
    expect(sends.body).toEqual([
      {
        ClientUID: catalog.clientId, ClientName: expect.any(String), ContactFirstName: 'Grace', ContactLastName: '', Address: '', Address2: '', City: '',
        State: '', Country: '', PostalCode: '73301', PhoneNumber: '', Email: 'grace@buyer.example', Notes: expect.stringContaining('by hand'),
        DateSent: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), IsValid: true, Response: '{"result":"success"}', Price: expect.any(Number),
      },
    ]);
  });

  it('refuses a lead at its max unless AllowOverMax, and answers 400/404 in the error shape', async () => {
    const lead = await insertTestLead(ds, catalog, { FirstName: 'Ada', State: 'TX' });
    await ds.query(`INSERT INTO delivery_assignments (lead_id, delivery_account_id, price, status) VALUES ($1, $2, 10, 'sold')`, [lead.id, catalog.otherDeliveryAccountId]);
    const input = { LeadUID: lead.id, ClientUID: catalog.clientId, ClientAccountUID: catalog.deliveryAccountId };
    expect((await call('POST', '/v1/delivery/process', input)).body).toMatchObject({ isValid: false, Status: 'max' });
    expect((await call('POST', '/v1/delivery/process', { ...input, AllowOverMax: true })).body).toMatchObject({ isValid: true, Status: 'sold' });

    const bad = await call('POST', '/v1/delivery/process', { ...input, LeadUID: 'x' });
    expect(bad).toEqual({ status: 400, body: { StatusCode: 400, Error: 'Bad Request', Message: 'LeadUID must be a positive integer' } });
    expect((await call('POST', '/v1/delivery/process', { ...input, LeadUID: 2_000_000_000 })).status).toBe(404);
    expect((await call('GET', '/v1/delivery/sends/2000000000')).status).toBe(404);
  });

  it('logs a send without sending, once', async () => {
    const lead = await insertTestLead(ds, catalog, { FirstName: 'Ada', State: 'CA' });
    const before = buyer.received.length;
    const input = { ClientUID: catalog.clientId, LeadUID: lead.id, DeliveryUID: 0, PostString: 'a=1', Response: 'OK 1', ClientOrderUID: 0, ClientOrderItemUID: 0, ClientAccountUID: catalog.otherDeliveryAccountId };
    const logged = await call('PUT', '/v1/delivery/log', input);
    expect(logged.status).toBe(200);
    expect((await call('PUT', '/v1/delivery/log', input)).status).toBe(409);
    expect(buyer.received.length).toBe(before);
    const sends = await call('GET', `/v1/delivery/sends/${lead.id}`);
    expect(sends.body).toEqual([expect.objectContaining({ IsValid: true, Response: 'OK 1' })]);
  });
});
