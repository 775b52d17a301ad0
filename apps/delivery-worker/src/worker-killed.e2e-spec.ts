import { createServer, ServerResponse } from 'node:http';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { DemoCatalog, demoLeadRequest, seedDemoCatalog } from '@leadx/catalog-data-access';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import { eventually, ServiceProcess, startServiceProcess, testEnv, uniqueSuffix } from '@leadx/platform-testing';

/**
 * The exactly-once invariant under a crash: a delivery-worker killed with SIGKILL while the buyer
 * holds the request open. The replacement worker finds the committed claim, records the send
 * ambiguous and never posts the lead again; the scanner still brings the lead to a terminal state.
 * The account is sent with a delivery_methods row (HTTP POST with field settings), the new path.
 */
describe('delivery-worker killed mid-send (kill -9)', () => {
  const prefix = `e2e-kill-${uniqueSuffix()}.`;
  let pool: Pool;
  let kafka: Kafka;
  let catalog: DemoCatalog;
  const services: ServiceProcess[] = [];
  const held: ServerResponse[] = [];
  const hits: Array<{ path: string; body: string }> = [];
  const buyer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
      held.push(res); // never answered: the worker is killed while waiting
    });
  });
  let env: Record<string, string>;

  beforeAll(async () => {
    pool = new Pool({ connectionString: testEnv.databaseUrl, max: 2 });
    kafka = createKafka({ brokers: testEnv.kafkaBrokers, clientId: 'e2e-kill' });
    await ensureTopics(kafka, allPlatformTopics(prefix), { partitions: 3 });
    await new Promise<void>((r) => buyer.listen(0, '127.0.0.1', () => r()));
    const buyerUrl = `http://127.0.0.1:${(buyer.address() as { port: number }).port}`;
    catalog = await seedDemoCatalog(pool, { buyerUrl, name: `E2E kill ${prefix}` });
    // The Texas account sends with a delivery method (seed HTTP POST, two field settings); the
    // projection's timeoutMs keeps the worker waiting on the held request until it is killed.
    const { rows: [method] } = await pool.query<{ id: number }>(
      `INSERT INTO delivery_methods (client_id, lead_type_id, type, name, enabled, delivery_address, response_search)
       VALUES ($1, $2, 'HTTP POST', 'held', true, $3, 'success') RETURNING id`,
      [catalog.clientId, catalog.leadTypeId, `${buyerUrl}/held`],
    );
    await pool.query(
      `INSERT INTO delivery_method_settings (delivery_method_id, field_type, field_name, value, lead_field_id)
       VALUES ($1, 'Static Value', 'vendor', 'leadx', NULL),
              ($1, 'Lead Field', 'first_name', '', (SELECT id FROM lead_type_fields WHERE lead_type_id = $2 AND name = 'FirstName'))`,
      [method.id, catalog.leadTypeId],
    );
    await pool.query(
      `UPDATE delivery_accounts SET delivery_method_id = $2, delivery_method = delivery_method || '{"timeoutMs": 120000}' WHERE id = $1`,
      [catalog.deliveryAccountId, method.id],
    );
    env = {
      DATABASE_URL: testEnv.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      DELIVERY_URL_ALLOW_PRIVATE: 'true',
    };
    services.push(...(await Promise.all(['receiver', 'compliance', 'scanner', 'delivery-worker'].map((app) => startServiceProcess(app, env)))));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    held.forEach((res) => res.destroy());
    buyer.closeAllConnections();
    await new Promise<void>((r) => buyer.close(() => r()));
    await pool?.end();
  });

  it('records the interrupted send ambiguous, never posts the lead twice, and finishes the lead', async () => {
    const [receiver, , , worker] = services;
    const res = await fetch(`${receiver.url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'api-key': catalog.apiKey },
      body: JSON.stringify(demoLeadRequest(catalog)),
    });
    expect(res.status).toBe(200);
    const leadId = ((await res.json()) as { results: Array<{ leadId: number }> }).results[0].leadId;

    // The buyer holds the post open: the worker is in the middle of the delivery.
    await eventually(() => (hits.length > 0 ? true : undefined), 60_000, 'the buyer to receive the post');
    expect(hits).toHaveLength(1);
    expect(hits[0].path).toBe('/held');
    expect(new URLSearchParams(hits[0].body).get('first_name')).toBe('Ada');
    const claim = await pool.query(`SELECT status FROM sends WHERE lead_id = $1 AND delivery_account_id = $2`, [leadId, catalog.deliveryAccountId]);
    expect(claim.rows).toEqual([{ status: 'sending' }]); // claimed and committed before the post left

    expect(await worker.stop('SIGKILL')).toBeNull();
    services[3] = await startServiceProcess('delivery-worker', env);

    // The replacement gets the uncommitted request again (after the dead member's session expires).
    const send = await eventually(async () => {
      const { rows } = await pool.query<{ status: string; error: string | null }>(
        `SELECT status, error FROM sends WHERE lead_id = $1 AND delivery_account_id = $2`, [leadId, catalog.deliveryAccountId],
      );
      return rows[0]?.status === 'sending' ? undefined : rows[0];
    }, 90_000, 'the interrupted send to be recorded');
    expect(send).toEqual({ status: 'ambiguous', error: 'interrupted during a previous attempt; not re-sent' });

    const status = await eventually(async () => {
      const { rows } = await pool.query<{ status: string }>(`SELECT status FROM leads WHERE id = $1`, [leadId]);
      return ['accepted', 'screened'].includes(rows[0].status) ? undefined : rows[0].status;
    }, 30_000, 'the lead to reach a terminal state');
    expect(status).toBe('unsold');

    // Nothing re-sent, to this account or any other (the other demo account does not match TX).
    await new Promise((r) => setTimeout(r, 1_000));
    expect(hits).toHaveLength(1);
    const sends = await pool.query(`SELECT delivery_account_id, status FROM sends WHERE lead_id = $1`, [leadId]);
    expect(sends.rows).toEqual([{ delivery_account_id: catalog.deliveryAccountId, status: 'ambiguous' }]);
  }, 240_000);
});

