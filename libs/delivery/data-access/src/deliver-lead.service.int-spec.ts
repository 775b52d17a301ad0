import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryRequestedV1, EventEnvelope } from '@leadx/contracts';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { insertTestLead, RecordingBuyer, startRecordingBuyer, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DeliverLeadService } from './deliver-lead.service';

/** Exactly-once delivery against real Postgres and a real local HTTP buyer. */
describe('DeliverLeadService', () => {
  let ds: DataSource;
  let buyer: RecordingBuyer;
  let catalog: DemoCatalog;
  const service = `delivery-test-${uniqueSuffix()}`;
  let delivery: DeliverLeadService;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
    buyer = await startRecordingBuyer();
    catalog = await seedDemoCatalog(ds, { buyerUrl: buyer.url, name: service });
    // The recording buyer listens on loopback.
    delivery = new DeliverLeadService(ds, new Outbox(service), { timeoutMs: 1_000, allowPrivate: true, retryBaseMs: 10 });
  });
  afterAll(async () => {
    await buyer.close();
    await ds.destroy();
  });

  async function request(accountId = catalog.deliveryAccountId): Promise<DeliveryRequestedV1> {
    const lead = await insertTestLead(ds, catalog, { FirstName: 'Ada', State: 'TX' });
    const [a] = (await ds.query(`INSERT INTO delivery_assignments (lead_id, delivery_account_id, price) VALUES ($1, $2, 20) RETURNING id::int AS id`, [
      lead.id, accountId,
    ])) as Array<{ id: number }>;
    return DeliveryRequestedV1.of({ leadId: lead.id, leadUid: lead.uid, deliveryAccountId: accountId, clientId: catalog.clientId, assignmentId: a.id, price: 20 });
  }

  /** Runs the handler the way the consumer does: inside one transaction. */
  function handle(req: DeliveryRequestedV1): Promise<void> {
    return ds.transaction((manager) => {
      const envelope = { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope;
      const ctx = { envelope, manager, topic: 'distribution.delivery.requested.v1', partition: 0, offset: '0' } as EventContext;
      return delivery.onRequested(req, ctx);
    });
  }

  async function outcomes(leadId: number): Promise<string[]> {
    const rows = (await ds.query(
      `SELECT envelope->'payload'->>'outcome' AS outcome FROM outbox WHERE service = $1 AND message_key = $2 ORDER BY id`,
      [service, String(leadId)],
    )) as Array<{ outcome: string }>;
    return rows.map((r) => r.outcome);
  }

  const postsFor = (leadId: number) => buyer.received.filter((p) => JSON.parse(p.body).leadId === leadId);

  it('posts the lead once, records the send as sold, and announces it', async () => {
    const req = await request();
    await handle(req);
    expect(postsFor(req.leadId)).toHaveLength(1);
    expect(JSON.parse(postsFor(req.leadId)[0].body)).toMatchObject({ FirstName: 'Ada', State: 'TX' });
    const [send] = await ds.query(`SELECT status, response_status, price::float AS price FROM sends WHERE lead_id = $1`, [req.leadId]);
    expect(send).toEqual({ status: 'sold', response_status: 200, price: 20 });
    expect(await outcomes(req.leadId)).toEqual(['sold']);
  });

  it('never posts twice when the same request is redelivered', async () => {
    const req = await request();
    await handle(req);
    await handle(req);
    expect(postsFor(req.leadId)).toHaveLength(1);
    expect(await outcomes(req.leadId)).toEqual(['sold', 'sold']);
  });

  it('does not re-send after a crash between the claim and the outcome: records it ambiguous', async () => {
    const req = await request();
    // What a worker killed mid-send leaves behind: a committed claim, no outcome.
    await ds.query(
      `INSERT INTO sends (assignment_id, lead_id, delivery_account_id, status, method) VALUES ($1, $2, $3, 'sending', 'JSON')`,
      [req.assignmentId, req.leadId, req.deliveryAccountId],
    );
    await handle(req);
    expect(postsFor(req.leadId)).toHaveLength(0);
    const [send] = await ds.query(`SELECT status FROM sends WHERE lead_id = $1`, [req.leadId]);
    expect(send.status).toBe('ambiguous');
    expect(await outcomes(req.leadId)).toEqual(['ambiguous']);
  });

  it('records a buyer that cannot be reached as failed, and one that answers too late as ambiguous', async () => {
    const down = await startRecordingBuyer();
    const downUrl = down.url;
    await down.close();
    await ds.query(`UPDATE delivery_accounts SET delivery_method = jsonb_set(delivery_method, '{url}', to_jsonb($2::text)) WHERE id = $1`, [
      catalog.otherDeliveryAccountId, `${downUrl}/leads`,
    ]);
    const refused = await request(catalog.otherDeliveryAccountId);
    await handle(refused);
    expect(await outcomes(refused.leadId)).toEqual(['failed']);

    buyer.respondWith(200, '{"result":"success"}', 1_500);
    await ds.query(`UPDATE delivery_accounts SET delivery_method = delivery_method || '{"timeoutMs": 300}' WHERE id = $1`, [catalog.deliveryAccountId]);
    try {
      const slow = await request();
      await handle(slow);
      expect(await outcomes(slow.leadId)).toEqual(['ambiguous']);
      const [send] = await ds.query(`SELECT status, error FROM sends WHERE lead_id = $1`, [slow.leadId]);
      expect(send.status).toBe('ambiguous');
      expect(send.error).toMatch(/not re-sent/);
    } finally {
      buyer.respondWith(200, '{"result":"success"}');
      await ds.query(`UPDATE delivery_accounts SET delivery_method = delivery_method || '{"timeoutMs": 5000}' WHERE id = $1`, [catalog.deliveryAccountId]);
    }
  });

  it('records a buyer answer without the success text as rejected', async () => {
    buyer.respondWith(200, '{"result":"duplicate"}');
    try {
      const req = await request();
      await handle(req);
      expect(await outcomes(req.leadId)).toEqual(['rejected']);
    } finally {
      buyer.respondWith(200, '{"result":"success"}');
    }
  });
});
