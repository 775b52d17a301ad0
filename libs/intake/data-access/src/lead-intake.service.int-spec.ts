import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CATALOG_ENTITIES, DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { Outbox } from '@leadx/platform-messaging';
import { testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { LeadEntity } from './lead.entity';
import { IdempotencyKeyReusedError } from './intake-request-log';
import { IntakeBatch, LeadIntakeService } from './lead-intake.service';

/** Lead intake against real Postgres: what is answered is what is committed. */
describe('LeadIntakeService', () => {
  let ds: DataSource;
  let catalog: DemoCatalog;
  let other: DemoCatalog;
  let intake: LeadIntakeService;
  const service = `intake-test-${uniqueSuffix()}`;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4, entities: [...CATALOG_ENTITIES, LeadEntity] })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    other = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `${service}-other` });
    intake = new LeadIntakeService(ds, new Outbox(service));
  });
  afterAll(() => ds.destroy());

  /** As the HTTP layer does: the request is identified by a hash of what was posted. */
  const accept = (sourceId: number, b: IntakeBatch) =>
    intake.accept(sourceId, b, { endpoint: 'general', payloadHash: createHash('sha256').update(JSON.stringify(b)).digest() });

  const fields = { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', State: 'TX' };
  const batch = (over: Partial<IntakeBatch['source']> = {}, leads: IntakeBatch['leads'] = [{ fields, reference: 'r-1' }]): IntakeBatch => ({
    source: { vid: catalog.leadSourceId, lid: catalog.leadTypeId, aid: catalog.campaignId, sendDelay: 0, ...over },
    leads,
  });

  it('stores each valid lead with its accepted event in the same commit, and answers per lead in order', async () => {
    const { results } = await accept(
      catalog.leadSourceId,
      batch({}, [{ fields, reference: 'a' }, { fields: { ...fields, Email: '' }, reference: 'b' }, { fields, reference: 'c' }]),
    );
    expect(results.map((r) => [r.isValid, r.responseType])).toEqual([
      [true, 'No_Error'],
      [false, 'Data_Errors'],
      [true, 'No_Error'],
    ]);
    expect(results[1].responseMessage).toBe('missing required field: Email');
    for (const r of [results[0], results[2]]) {
      const [row] = await ds.query(
        `SELECT l.reference, l.price::float AS price, o.topic, o.envelope->'payload'->>'leadUid' = l.uid::text AS same_uid
           FROM leads l JOIN outbox o ON o.message_key = l.id::text AND o.service = $2 WHERE l.id = $1`,
        [r.leadId, service],
      );
      expect(row).toMatchObject({ topic: 'intake.lead.accepted.v1', same_uid: true, price: 12.5 });
    }
  });

  it('finds the campaign from vid and lid when aid is absent', async () => {
    const {
      results: [r],
    } = await accept(catalog.leadSourceId, batch({ aid: undefined }));
    expect(r).toMatchObject({ isValid: true, campaignId: catalog.campaignId });
  });

  it.each([
    [{ vid: undefined }, 'Vendor_ID_Missing'],
    [{ lid: undefined }, 'LeadType_ID_Missing'],
    [{ aid: 999_999 }, 'No_Account_Found'],
  ])('rejects %j as %s and stores nothing', async (over, type) => {
    const before = await ds.query(`SELECT count(*)::int AS n FROM leads WHERE lead_source_id = $1`, [catalog.leadSourceId]);
    const {
      results: [r],
    } = await accept(catalog.leadSourceId, batch(over));
    expect(r).toMatchObject({ isValid: false, responseType: type, leadId: 0 });
    const after = await ds.query(`SELECT count(*)::int AS n FROM leads WHERE lead_source_id = $1`, [catalog.leadSourceId]);
    expect(after[0].n).toBe(before[0].n);
  });

  it("never lets a source post into another source's campaign", async () => {
    const {
      results: [r],
    } = await accept(catalog.leadSourceId, batch({ vid: other.leadSourceId, lid: other.leadTypeId, aid: other.campaignId }));
    expect(r).toMatchObject({ isValid: false, responseType: 'No_Account_Found' });
    const {
      results: [r2],
    } = await accept(catalog.leadSourceId, batch({ aid: other.campaignId }));
    expect(r2).toMatchObject({ isValid: false, responseType: 'No_Account_Found' });
  });

  it('answers Account_Disabled for a paused campaign', async () => {
    await ds.query(`UPDATE campaigns SET status = 'Paused' WHERE id = $1`, [other.campaignId]);
    const {
      results: [r],
    } = await accept(other.leadSourceId, {
      source: { vid: other.leadSourceId, lid: other.leadTypeId, aid: other.campaignId },
      leads: [{ fields }],
    });
    expect(r).toMatchObject({ isValid: false, responseType: 'Account_Disabled', campaignId: other.campaignId });
  });
});

describe('LeadIntakeService retries', () => {
  let ds: DataSource;
  let catalog: DemoCatalog;
  let intake: LeadIntakeService;
  const service = `intake-retry-${uniqueSuffix()}`;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 8, entities: [...CATALOG_ENTITIES, LeadEntity] })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    intake = new LeadIntakeService(ds, new Outbox(service));
  });
  afterAll(() => ds.destroy());

  const batch = (reference?: string): IntakeBatch => ({
    source: { vid: catalog.leadSourceId, lid: catalog.leadTypeId, aid: catalog.campaignId },
    leads: [{ reference, fields: { FirstName: 'A', LastName: 'B', Email: 'a@b.co', State: 'TX' } }],
  });
  const hash = (s: string) => createHash('sha256').update(s).digest();
  const count = async () => (await ds.query(`SELECT count(*)::int AS n FROM leads WHERE lead_source_id = $1`, [catalog.leadSourceId]))[0].n as number;

  it('creates one lead for ten concurrent requests with the same Idempotency-Key', async () => {
    const before = await count();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => intake.accept(catalog.leadSourceId, batch(), { endpoint: 'general', idempotencyKey: 'k-1', payloadHash: hash('body-1') })),
    );
    expect(await count()).toBe(before + 1);
    expect(new Set(outcomes.map((o) => o.results[0].leadId)).size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
  });

  it('refuses a key reused for another body', async () => {
    await intake.accept(catalog.leadSourceId, batch(), { endpoint: 'general', idempotencyKey: 'k-2', payloadHash: hash('body-2') });
    await expect(intake.accept(catalog.leadSourceId, batch(), { endpoint: 'general', idempotencyKey: 'k-2', payloadHash: hash('other') })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('without a key, replays only bodies whose leads carry references', async () => {
    const before = await count();
    const withRef = await Promise.all([1, 2].map(() => intake.accept(catalog.leadSourceId, batch('ref-9'), { endpoint: 'general', payloadHash: hash('body-ref') })));
    expect(withRef[1].results[0].leadId).toBe(withRef[0].results[0].leadId);
    await intake.accept(catalog.leadSourceId, batch(), { endpoint: 'general', payloadHash: hash('body-noref') });
    await intake.accept(catalog.leadSourceId, batch(), { endpoint: 'general', payloadHash: hash('body-noref') });
    expect(await count()).toBe(before + 3);
  });
});
