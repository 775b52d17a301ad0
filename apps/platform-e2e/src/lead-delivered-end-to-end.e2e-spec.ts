import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { DemoCatalog, demoLeadRequest, seedDemoCatalog } from '@leadx/catalog-data-access';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import {
  eventually,
  RecordingBuyer,
  ServiceProcess,
  startRecordingBuyer,
  startServiceProcess,
  testEnv,
  uniqueSuffix,
} from '@leadx/platform-testing';

/**
 * The thin slice, through every hop over the real broker: a lead source posts one JSON lead →
 * receiver stores it with its outbox event and answers → compliance passes it → scanner picks the
 * one matching delivery account → delivery-worker posts it to a local buyer → the send and the
 * lead's terminal state are in Postgres.
 */
describe('one lead, end to end', () => {
  const prefix = `e2e-${uniqueSuffix()}.`;
  let pool: Pool;
  let kafka: Kafka;
  let buyer: RecordingBuyer;
  let catalog: DemoCatalog;
  const services: ServiceProcess[] = [];
  let receiver: ServiceProcess;

  beforeAll(async () => {
    pool = new Pool({ connectionString: testEnv.databaseUrl, max: 2 });
    kafka = createKafka({ brokers: testEnv.kafkaBrokers, clientId: 'e2e' });
    await ensureTopics(kafka, allPlatformTopics(prefix), { partitions: 3 });
    buyer = await startRecordingBuyer();
    catalog = await seedDemoCatalog(pool, { buyerUrl: buyer.url, name: `E2E ${prefix}` });
    const env = {
      DATABASE_URL: testEnv.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      // The test's returnURL listener is on loopback.
      RETURN_URL_ALLOW_PRIVATE: 'true',
      RETURN_URL_POLL_MS: '100',
      // The recording buyer is on loopback too.
      DELIVERY_URL_ALLOW_PRIVATE: 'true',
    };
    services.push(
      ...(await Promise.all(['receiver', 'compliance', 'scanner', 'delivery-worker'].map((app) => startServiceProcess(app, env)))),
    );
    receiver = services[0];
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await buyer?.close();
    await pool?.end();
  });

  it('delivers a posted lead to the matching buyer and records the send', async () => {
    const res = await fetch(`${receiver.url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'api-key': catalog.apiKey },
      body: JSON.stringify(demoLeadRequest(catalog)),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { requestId: string; results: Array<Record<string, unknown>> };
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.results).toHaveLength(1);
    const [result] = body.results;
    expect(result).toMatchObject({ isValid: true, responseType: 'No_Error', campaignId: catalog.campaignId, isPendingReview: false, price: 12.5 });
    const leadId = result['leadId'] as number;
    expect(leadId).toBeGreaterThan(0);

    // A leadId in the answer means the lead is already committed.
    const stored = await pool.query(`SELECT fields->>'Email' AS email FROM leads WHERE id = $1`, [leadId]);
    expect(stored.rows[0]?.email).toBe('ada@example.com');

    const post = await eventually(() => buyer.received.find((p) => JSON.parse(p.body).leadId === leadId), 30_000, 'the buyer to receive the lead');
    expect(post.path).toBe('/leads/tx');
    expect(JSON.parse(post.body)).toMatchObject({ FirstName: 'Ada', State: 'TX' });

    const send = await eventually(async () => {
      const r = await pool.query(`SELECT * FROM sends WHERE lead_id = $1 AND status <> 'sending'`, [leadId]);
      return r.rows[0] as Record<string, unknown> | undefined;
    }, 20_000, 'the send to be recorded');
    expect(send).toMatchObject({ delivery_account_id: catalog.deliveryAccountId, status: 'sold', response_status: 200, method: 'JSON' });
    expect(Number(send['price'])).toBe(20);

    const status = await eventually(async () => {
      const r = await pool.query(`SELECT status FROM leads WHERE id = $1 AND status = 'sold'`, [leadId]);
      return r.rows[0]?.status as string | undefined;
    }, 20_000, 'the lead to reach its terminal state');
    expect(status).toBe('sold');

    // Only the matching account got it; the scan log says why the other one did not (left out by
    // the scanner's State index: one summary line, delivery account NULL, sorted last).
    expect(buyer.received.filter((p) => JSON.parse(p.body).leadId === leadId)).toHaveLength(1);
    const logs = await pool.query(`SELECT delivery_account_id, passed, message FROM scan_logs WHERE lead_id = $1 ORDER BY delivery_account_id`, [leadId]);
    expect(logs.rows).toEqual([
      { delivery_account_id: catalog.deliveryAccountId, passed: true, message: 'passed 1 criteria' },
      { delivery_account_id: null, passed: false, message: '1 account(s) not scanned: their criteria on State exclude "TX"' },
    ]);
  });

  it('holds a noSell lead, then delivers it once when an update asks for delivery', async () => {
    const body = demoLeadRequest(catalog) as { leads: Array<{ properties: Record<string, unknown>; fields: Record<string, string> }> };
    body.leads[0].properties = { reference: 'held-1', noSell: true };
    body.leads[0].fields.FirstName = 'Held';
    const post = (path: string, method: string, payload: object) =>
      fetch(`${receiver.url}${path}`, { method, headers: { 'content-type': 'application/json', 'api-key': catalog.apiKey }, body: JSON.stringify(payload) });
    const created = (await (await post('/v2/insert/general', 'POST', body)).json()) as { results: Array<{ leadId: number }> };
    const leadId = created.results[0].leadId;
    await eventually(async () => (await pool.query(`SELECT 1 FROM leads WHERE id = $1 AND status = 'not_sold_no_sell'`, [leadId])).rows[0], 20_000, 'the held lead to settle');
    expect(buyer.received.some((p) => JSON.parse(p.body).leadId === leadId)).toBe(false);

    const update = { source: { vid: catalog.leadSourceId, lid: catalog.leadTypeId }, leads: [{ properties: { leadUID: leadId, processDelivery: true }, fields: { FirstName: 'Released' } }] };
    const res = (await (await post('/v2/update', 'PUT', update)).json()) as { results: Array<{ isValid: boolean; responseMessage: string }> };
    expect(res.results[0]).toMatchObject({ isValid: true, responseMessage: 'Lead information updated; delivery started' });
    const delivered = await eventually(() => buyer.received.find((p) => JSON.parse(p.body).leadId === leadId), 30_000, 'the released lead at the buyer');
    expect(JSON.parse(delivered.body).FirstName).toBe('Released');
    await eventually(async () => (await pool.query(`SELECT 1 FROM leads WHERE id = $1 AND status = 'sold'`, [leadId])).rows[0], 20_000, 'the lead to be sold');

    // Asking again never sells it twice.
    const again = (await (await post('/v2/update', 'PUT', update)).json()) as { results: Array<{ responseMessage: string }> };
    expect(again.results[0].responseMessage).toBe('Lead information updated; already distributed, not delivered again');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(buyer.received.filter((p) => JSON.parse(p.body).leadId === leadId)).toHaveLength(1);
  });

  it("calls the source's returnURL with the lead's final status when processing completes", async () => {
    const body = demoLeadRequest(catalog) as { source: Record<string, unknown> };
    body.source['returnURL'] = `${buyer.url}/source-callback`;
    const res = await fetch(`${receiver.url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': catalog.apiKey },
      body: JSON.stringify(body),
    });
    const { requestId, results } = (await res.json()) as { requestId: string; results: Array<{ leadId: number }> };
    const callback = await eventually(() => buyer.received.find((p) => p.path === '/source-callback' && JSON.parse(p.body).requestId === requestId), 30_000, 'the returnURL callback');
    expect(JSON.parse(callback.body)).toMatchObject({ requestId, results: [{ leadId: results[0].leadId, isValid: true }] });
    // The attempt is recorded when the dispatcher's transaction commits, just after the POST.
    const row = await eventually(async () => {
      const r = await pool.query(`SELECT status, attempts, last_status FROM return_callbacks WHERE lead_id = $1 AND status <> 'pending'`, [results[0].leadId]);
      return r.rows[0] as Record<string, unknown> | undefined;
    }, 10_000, 'the callback attempt to be recorded');
    expect(row).toEqual({ status: 'delivered', attempts: 1, last_status: 200 });
  });

  it('delivers before answering and returns the sends when the campaign asks for it', async () => {
    const sync = await seedDemoCatalog(pool, { buyerUrl: buyer.url, name: `E2E sync ${prefix}` });
    await pool.query(`UPDATE campaigns SET use_delivery_queue = false, allow_send_response = true WHERE id = $1`, [sync.campaignId]);
    const res = await fetch(`${receiver.url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': sync.apiKey },
      body: JSON.stringify(demoLeadRequest(sync)),
    });
    const body = (await res.json()) as { results: Array<{ leadId: number; isValid: boolean; sends: Array<Record<string, unknown>> }> };
    const [result] = body.results;
    expect(result.isValid).toBe(true);
    // Already at the buyer when the source gets its answer.
    expect(buyer.received.some((p) => JSON.parse(p.body).leadId === result.leadId)).toBe(true);
    expect(result.sends).toEqual([{ clientId: sync.clientId, clientName: `E2E sync ${prefix} buyer`, redirectURL: '', valid: true, price: 20 }]);
  });

  it('transfers a call only to a live-call buyer and answers with its agent', async () => {
    const live = await seedDemoCatalog(pool, { buyerUrl: buyer.url, name: `E2E live ${prefix}` });
    const { rows } = await pool.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, account_type, price, agent_name, agent_phone, delivery_method)
       VALUES ($1, $2, 'live desk', 'LiveCall', 45, 'Grace Hopper', '8005550199', $3) RETURNING id`,
      [live.clientId, live.leadTypeId, JSON.stringify({ type: 'JSON', url: `${buyer.url}/live`, responseSearch: 'success' })],
    );
    const res = await fetch(`${receiver.url}/v2/insert/transfer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': live.apiKey },
      body: JSON.stringify(demoLeadRequest(live)),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ leadId: number; isValid: boolean; client: Array<Record<string, unknown>> }> };
    expect(body.results[0].isValid).toBe(true);
    expect(body.results[0].client).toEqual([{ clientId: live.clientId, clientName: `E2E live ${prefix} buyer`, agentName: 'Grace Hopper', agentPhone: '8005550199' }]);
    const paths = buyer.received.filter((p) => JSON.parse(p.body).leadId === body.results[0].leadId).map((p) => p.path);
    expect(paths).toEqual(['/live']);
    // A general lead of the same campaign never reaches the live-call account.
    const general = (await (await fetch(`${receiver.url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': live.apiKey },
      body: JSON.stringify(demoLeadRequest(live)),
    })).json()) as { results: Array<{ leadId: number }> };
    await eventually(async () => (await pool.query(`SELECT 1 FROM leads WHERE id = $1 AND status = 'sold'`, [general.results[0].leadId])).rows[0], 20_000, 'the general lead sold');
    const sends = await pool.query(`SELECT delivery_account_id FROM sends WHERE lead_id = $1`, [general.results[0].leadId]);
    expect(sends.rows.map((r) => r.delivery_account_id)).not.toContain(rows[0].id);
  });

  it('refuses an unknown api-key with 401 and stores nothing', async () => {
    const before = await pool.query(`SELECT count(*)::int AS n FROM leads WHERE lead_source_id = $1`, [catalog.leadSourceId]);
    const res = await fetch(`${receiver.url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': 'lx_not-a-real-key' },
      body: JSON.stringify(demoLeadRequest(catalog)),
    });
    expect(res.status).toBe(401);
    const after = await pool.query(`SELECT count(*)::int AS n FROM leads WHERE lead_source_id = $1`, [catalog.leadSourceId]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
