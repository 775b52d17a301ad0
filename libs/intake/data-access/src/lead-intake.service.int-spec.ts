import { createHash, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CATALOG_ENTITIES, DemoCatalog, loadUsZipData, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { Outbox } from '@leadx/platform-messaging';
import { testEnv, uniqueSuffix } from '@leadx/platform-testing';

const redis = new Redis(testEnv.redisUrl, { lazyConnect: false });
afterAll(() => redis.quit());
import { CampaignCapCounter } from './caps/campaign-cap-counter';
import { DuplicateDetector } from './duplicates/duplicate-detector';
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
    intake = new LeadIntakeService(ds, new Outbox(service), new CampaignCapCounter(redis, ds, { keyPrefix: `${service}:` }), new DuplicateDetector(ds));
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
    expect(results[1].responseMessage).toBe('Email: is required');
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
    intake = new LeadIntakeService(ds, new Outbox(service), new CampaignCapCounter(redis, ds, { keyPrefix: `${service}:` }), new DuplicateDetector(ds));
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

  it('without a key, creates one lead for ten concurrent retries of a body with references', async () => {
    const before = await count();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => intake.accept(catalog.leadSourceId, batch('ref-10'), { endpoint: 'general', payloadHash: hash('body-ref-10') })),
    );
    expect(await count()).toBe(before + 1);
    expect(new Set(outcomes.map((o) => o.results[0].leadId)).size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
  });
});

describe('LeadIntakeService campaign rules, caps, duplicates and QC', () => {
  let ds: DataSource;
  let intake: LeadIntakeService;
  const service = `intake-rules-${uniqueSuffix()}`;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 12, entities: [...CATALOG_ENTITIES, LeadEntity] })).initialize();
    intake = new LeadIntakeService(ds, new Outbox(service), new CampaignCapCounter(redis, ds, { keyPrefix: `${service}:` }), new DuplicateDetector(ds));
  });
  afterAll(() => ds.destroy());

  let n = 0;
  const fresh = async (settings: string) => {
    const c = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `${service}-${++n}` });
    await ds.query(`UPDATE campaigns SET ${settings} WHERE id = $1`, [c.campaignId]);
    return c;
  };
  const lead = (over: Record<string, string> = {}) => ({ fields: { FirstName: 'A', LastName: 'B', Email: `x${randomUUID()}@b.co`, State: 'TX', ...over } });
  const post = (c: DemoCatalog, leads: IntakeBatch['leads']) =>
    intake.accept(c.leadSourceId, { source: { vid: c.leadSourceId, lid: c.leadTypeId, aid: c.campaignId }, leads }, { endpoint: 'general', payloadHash: createHash('sha256').update(randomUUID()).digest() });

  it('refuses leads outside the campaign rules as Outside_Criteria, naming the rule', async () => {
    const c = await fresh(`rules = '[{"field":"State","operator":"In","value":"TX|OK"}]'`);
    const { results } = await post(c, [lead({ State: 'OK' }), lead({ State: 'CA' })]);
    expect(results.map((r) => r.responseType)).toEqual(['No_Error', 'Outside_Criteria']);
    expect(results[1].responseMessage).toBe('campaign rule not met: State In TX|OK: lead has CA');
  });

  it('lets exactly the remaining cap through when 20 posts race for it (Post_Over_Max for the rest)', async () => {
    const c = await fresh(`day_max = 5`);
    await post(c, [lead(), lead()]);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => post(c, [lead()])));
    const types = outcomes.map((o) => o.results[0].responseType);
    expect(types.filter((t) => t === 'No_Error')).toHaveLength(3);
    expect(types.filter((t) => t === 'Post_Over_Max')).toHaveLength(17);
    expect(outcomes.find((o) => o.results[0].responseType === 'Post_Over_Max')?.results[0].responseMessage).toBe('campaign day max of 5 leads reached');
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM leads WHERE campaign_id = $1`, [c.campaignId]);
    expect(count).toBe(5);
  });

  it('refuses a duplicate within DupDayMax (also inside one batch) and gives its cap slot back', async () => {
    const c = await fresh(`dup_day_max = 30, day_max = 3`);
    const email = `dup-${randomUUID()}@b.co`;
    const first = await post(c, [lead({ Email: email })]);
    const { results } = await post(c, [lead({ Email: email.toUpperCase() }), lead(), lead({ Email: 'Twin@B.co' }), lead({ Email: 'twin@b.co' })]);
    expect(results.map((r) => r.responseType)).toEqual(['Duplicate_Lead', 'No_Error', 'No_Error', 'Duplicate_Lead']);
    expect(results[0].responseMessage).toBe(`duplicate of lead ${first.results[0].leadId} within 30 days`);
    // 3 stored of a day max of 3: the duplicates' reservations were released, so nothing was over max.
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM leads WHERE campaign_id = $1`, [c.campaignId]);
    expect(count).toBe(3);
  });

  it('lets exactly one of ten identical leads posted at the same instant through (DupDayMax), and records every stored lead\'s keys', async () => {
    const c = await fresh(`dup_day_max = 30`);
    const email = `race-${randomUUID()}@b.co`;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => post(c, [lead({ Email: email })])));
    const types = outcomes.map((o) => o.results[0].responseType);
    expect(types.filter((t) => t === 'No_Error')).toHaveLength(1);
    expect(types.filter((t) => t === 'Duplicate_Lead')).toHaveLength(9);
    const winner = outcomes.find((o) => o.results[0].isValid)?.results[0].leadId;
    expect(outcomes.filter((o) => !o.results[0].isValid).map((o) => o.results[0].responseMessage)).toEqual(
      Array.from({ length: 9 }, () => `duplicate of lead ${winner} within 30 days`),
    );
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM lead_duplicate_keys WHERE lead_id = $1`, [winner]);
    expect(n).toBe(1);
    // A campaign without DupDayMax still records keys, so a scanning campaign of the lead type finds them.
    const quiet = await fresh(`dup_day_max = 0`);
    const stored = await post(quiet, [lead({ Email: `quiet-${email}` })]);
    const [{ k }] = await ds.query(`SELECT count(*)::int AS k FROM lead_duplicate_keys WHERE lead_id = $1`, [stored.results[0].leadId]);
    expect(k).toBe(1);
  });

  it('holds leads of a QC-bin campaign for review, and prices revenue-share campaigns per sale', async () => {
    const qc = await fresh(`use_qc_bin = true`);
    const [r] = (await post(qc, [lead()])).results;
    expect(r).toMatchObject({ isValid: true, isPendingReview: true, price: 12.5, responseMessage: 'Lead was accepted and is pending review' });
    const share = await fresh(`revenue_share_percentage = 40`);
    expect((await post(share, [lead()])).results[0].price).toBe(0);
  });
});

describe('LeadIntakeService field rules and zip data', () => {
  let ds: DataSource;
  let intake: LeadIntakeService;
  const service = `intake-fields-${uniqueSuffix()}`;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4, entities: [...CATALOG_ENTITIES, LeadEntity] })).initialize();
    await loadUsZipData(ds);
    intake = new LeadIntakeService(ds, new Outbox(service), new CampaignCapCounter(redis, ds, { keyPrefix: `${service}:` }), new DuplicateDetector(ds));
  });
  afterAll(() => ds.destroy());

  it('normalises fields by their definitions, names every bad field, and appends city and state from the zip', async () => {
    const c = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    await ds.query(`UPDATE campaigns SET append_city_state = true, rules = '[{"field":"Zip","operator":"Distance_Compare","value":"10001|25"}]' WHERE id = $1`, [c.campaignId]);
    await ds.query(`INSERT INTO lead_type_fields (lead_type_id, name, data_type, settings) VALUES ($1, 'City', 'Varchar', '{}'), ($1, 'Age', 'Int', '{"validation":"^[1-9][0-9]$","formatError":"Age must be 10 to 99"}')`, [c.leadTypeId]);
    const post = (fields: Record<string, string>) =>
      intake.accept(c.leadSourceId, { source: { vid: c.leadSourceId, lid: c.leadTypeId, aid: c.campaignId }, leads: [{ fields }] }, { endpoint: 'general', payloadHash: createHash('sha256').update(randomUUID()).digest() });
    const ok = await post({ FirstName: ' Ada ', LastName: 'Lovelace', Email: ' ADA@Example.COM ', PrimaryPhone: '(212) 555-0100', Zip: '10001', Age: '36' });
    expect(ok.results[0]).toMatchObject({ isValid: true, responseType: 'No_Error' });
    const [row] = await ds.query(`SELECT fields FROM leads WHERE id = $1`, [ok.results[0].leadId]);
    expect(row.fields).toMatchObject({ Email: 'ada@example.com', PrimaryPhone: '2125550100', State: 'NY', City: 'New York', Zip: '10001' });

    const bad = await post({ FirstName: 'A', LastName: 'B', Email: 'not-an-email', State: 'Narnia', Age: '7' });
    expect(bad.results[0].responseType).toBe('Data_Errors');
    expect(bad.results[0].responseMessage).toMatch(/Email/);
    expect(bad.results[0].responseMessage).toMatch(/State/);
    expect(bad.results[0].responseMessage).toMatch(/Age must be 10 to 99/);

    // Distance_Compare on the zip: Los Angeles is far outside 25 miles of 10001.
    const far = await post({ FirstName: 'A', LastName: 'B', Email: 'a@b.co', Zip: '90001', State: 'CA' });
    expect(far.results[0]).toMatchObject({ isValid: false, responseType: 'Outside_Criteria' });
  });
});
