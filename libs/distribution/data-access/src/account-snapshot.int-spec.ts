import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { ConfigChangedV1, EventEnvelope, LeadScreenedV1 } from '@leadx/contracts';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { buildEnvelope, createKafka, ensureTopics, EventContext, EventPublisher, Outbox, physicalTopic } from '@leadx/platform-messaging';
import { eventually, insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DistributeLeadService } from './distribute-lead.service';
import { AccountSnapshot, accountSnapshotListener } from './scan/account-snapshot';

/** The in-memory account snapshot and its State index against real Postgres and Kafka. */
describe('AccountSnapshot in the scanner', () => {
  const suffix = uniqueSuffix();
  const service = `snapshot-test-${suffix}`;
  const prefix = `s${suffix}.`;
  const topic = 'accounts.config.changed.v1';
  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'error' });
  let ds: DataSource;
  let catalog: DemoCatalog;
  let kafka: Kafka;
  let publisher: EventPublisher;
  let otherClientId: number;
  let movingAccountId: number;
  let forgotten = 0;
  // A TTL far above the test's 1 s: only the broadcast can refresh it in time.
  const snapshot = new (class extends AccountSnapshot {
    override forget(): void {
      forgotten++;
      super.forget();
    }
  })(60_000);
  const listener = () => accountSnapshotListener(snapshot, { kafka, topicPrefix: prefix, service, logger });
  let running: ReturnType<typeof listener>;
  const indexed = new DistributeLeadService(new Outbox(service), undefined, { snapshot });
  const full = new DistributeLeadService(new Outbox(service));

  const account = async (clientId: number, name: string, price: number, criteria: unknown[], accountType = 'General') =>
    ((await ds.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, criteria, delivery_method, account_type)
       VALUES ($1, $2, $3, $4, $5, '{"type":"JSON","url":"http://127.0.0.1:9"}', $6) RETURNING id`,
      [clientId, catalog.leadTypeId, name, price, JSON.stringify(criteria), accountType],
    )) as Array<{ id: number }>)[0].id;

  const changed = (entityId: number) =>
    publisher.publishEnvelopes(topic, [
      buildEnvelope({ topic, key: String(entityId), payload: ConfigChangedV1.of({ entity: 'delivery_account', entityId: String(entityId), change: 'upserted' }), correlationId: randomUUID(), causationId: randomUUID() }),
    ]);

  const previewIds = async (scanner: DistributeLeadService, leadId: number, options = {}) =>
    ((await scanner.preview(ds.manager, leadId, { allowOverMax: true, ...options })) ?? []).map((m) => m.accountId);

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    [{ id: otherClientId }] = (await ds.query(`INSERT INTO clients (name) VALUES ($1) RETURNING id`, [`${service} second buyer`])) as Array<{ id: number }>;
    // A mix the index must not change the answer for: keyed (Equal, In), open (none, Not_Equal,
    // another field, an expression), a closed one, another account type.
    movingAccountId = await account(otherClientId, 'moving', 30, [{ field: 'State', operator: 'Equal', value: 'TX' }]);
    await account(otherClientId, 'south', 18, [{ field: 'State', operator: 'In', value: 'TX|OK|LA' }]);
    await account(otherClientId, 'anywhere', 5, []);
    await account(otherClientId, 'not CA', 7, [{ field: 'State', operator: 'NotEqual', value: 'CA' }]);
    await account(catalog.clientId, 'by zip', 9, [{ field: 'Zip', operator: 'Contains', value: '75' }]);
    await account(catalog.clientId, 'live call TX', 40, [{ field: 'State', operator: 'Equal', value: 'TX' }], 'LiveCall');
    await account(catalog.clientId, 'west', 11, [{ field: 'State', operator: 'In', value: 'CA|OR|WA' }]);
    await account(otherClientId, 'not south', 6, [{ field: 'State', operator: 'NotIn', value: 'TX|OK' }]);
    kafka = createKafka({ brokers: testEnv.kafkaBrokers, clientId: service, logger });
    await ensureTopics(kafka, [physicalTopic(topic, prefix)], { partitions: 1 });
    publisher = new EventPublisher(kafka, { topicPrefix: prefix, logger });
    running = listener();
    await running.start();
    // A new group starts at the latest offset once it has joined: probe until it hears one.
    await eventually(async () => {
      const before = forgotten;
      await changed(0);
      await new Promise((r) => setTimeout(r, 300));
      return forgotten > before ? true : undefined;
    }, 30_000, 'the listener to join');
  }, 60_000);
  afterAll(async () => {
    await running.stop();
    await publisher.disconnect();
    await ds.destroy();
  });

  it('finds the same accounts, in the same order, with the index as without it', async () => {
    const leads: Array<Record<string, string>> = [
      { State: 'TX', Zip: '75001' }, { State: 'tx' }, { State: 'OK' }, { State: 'CA', Zip: '75002' }, { State: 'WA' }, { State: 'NY' },
      { State: '' }, { Zip: '75003' }, { State: ' LA ' }, {},
    ];
    for (const fields of leads) {
      const lead = await insertTestLead(ds, catalog, fields);
      for (const options of [{}, { accountTypes: ['LiveCall'] }, { automated: false }]) {
        expect({ fields, options, ids: await previewIds(indexed, lead.id, options) }).toEqual({ fields, options, ids: await previewIds(full, lead.id, options) });
      }
    }
  });

  it('scans the next lead with criteria changed through SQL within a second of the config-changed event', async () => {
    const tx = await insertTestLead(ds, catalog, { State: 'TX' });
    expect(await previewIds(indexed, tx.id)).toContain(movingAccountId);
    await ds.query(`UPDATE delivery_accounts SET criteria = '[{"field":"State","operator":"Equal","value":"CA"}]' WHERE id = $1`, [movingAccountId]);
    // Cached: until the event, the snapshot still has the old criteria.
    expect(await previewIds(indexed, tx.id)).toContain(movingAccountId);
    const sent = Date.now();
    await changed(movingAccountId);
    const ca = await insertTestLead(ds, catalog, { State: 'CA' });
    await eventually(async () => ((await previewIds(indexed, ca.id)).includes(movingAccountId) ? true : undefined), 1_000, 'the new criteria to apply');
    expect(Date.now() - sent).toBeLessThan(1_000);
    expect(await previewIds(indexed, tx.id)).not.toContain(movingAccountId);
    expect(await previewIds(indexed, tx.id)).toEqual(await previewIds(full, tx.id));
  });

  it('falls back to its TTL when no event comes', async () => {
    const short = new DistributeLeadService(new Outbox(service), undefined, { snapshot: new AccountSnapshot(300) });
    const id = await account(otherClientId, 'ttl', 3, [{ field: 'State', operator: 'Equal', value: 'NV' }]);
    const nv = await insertTestLead(ds, catalog, { State: 'NV' });
    const ut = await insertTestLead(ds, catalog, { State: 'UT' });
    expect(await previewIds(short, nv.id)).toContain(id);
    await ds.query(`UPDATE delivery_accounts SET criteria = '[{"field":"State","operator":"Equal","value":"UT"}]' WHERE id = $1`, [id]);
    expect(await previewIds(short, ut.id)).not.toContain(id);
    await eventually(async () => ((await previewIds(short, ut.id)).includes(id) ? true : undefined), 2_000, 'the TTL to expire');
  });

  it('logs the accounts the index skipped in one line, and every scanned account in its own', async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'NY' });
    const screened = LeadScreenedV1.of({ leadId: lead.id, leadUid: lead.uid, campaignId: catalog.campaignId, leadTypeId: catalog.leadTypeId, verdict: 'passed', reasons: [], fields: { State: 'NY' } });
    await ds.transaction((manager) =>
      indexed.onScreened(screened, { envelope: { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope, manager, topic: 'compliance.lead.screened.v1', partition: 0, offset: '0' } as EventContext),
    );
    const lines = (await indexed.logs(ds.manager, lead.id))?.map((l) => l.line) ?? [];
    expect(lines[0]).toMatch(/^scan: stopped: \d+ account\(s\) not scanned: their criteria on State exclude "NY"$/);
    expect(lines.some((l) => l.includes('"anywhere": eligible'))).toBe(true);
    expect(lines.some((l) => l.includes('"west"'))).toBe(false);
  });

  it("sells a lead of a campaign with an exclusive client only to that client, unless the Client Scanner's IgnoreExclusive", async () => {
    const lead = await insertTestLead(ds, catalog, { State: 'TX' });
    const everyone = await previewIds(full, lead.id);
    await ds.query(`UPDATE campaigns SET legacy = legacy || jsonb_build_object('ExclusiveClientUID', $2::int) WHERE id = $1`, [catalog.campaignId, otherClientId]);
    try {
      const owners = new Map(((await ds.query(`SELECT id, client_id FROM delivery_accounts WHERE id = ANY($1::int[])`, [everyone])) as Array<{ id: number; client_id: number }>).map((r) => [r.id, r.client_id]));
      const exclusive = await previewIds(indexed, lead.id);
      expect(exclusive.length).toBeGreaterThan(0);
      expect(exclusive).toEqual(everyone.filter((id) => owners.get(id) === otherClientId));
      expect(await previewIds(full, lead.id)).toEqual(exclusive);
      expect(await previewIds(indexed, lead.id, { ignoreExclusive: true })).toEqual(everyone);
    } finally {
      await ds.query(`UPDATE campaigns SET legacy = legacy - 'ExclusiveClientUID' WHERE id = $1`, [catalog.campaignId]);
    }
  });
});
