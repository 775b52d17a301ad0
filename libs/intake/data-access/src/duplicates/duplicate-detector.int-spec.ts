import { DataSource, EntityManager } from 'typeorm';
import { CATALOG_ENTITIES, DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { insertTestLead, LeadOwnerIds, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DuplicateDetector } from './duplicate-detector';

/** Duplicate detection against the real Postgres, with the transactions the receiver runs. */
describe('DuplicateDetector', () => {
  let ds: DataSource;
  let detector: DuplicateDetector;
  let catalog: DemoCatalog;
  let otherType: DemoCatalog;
  let otherSource: LeadOwnerIds;
  const ada = { FirstName: 'Ada', LastName: 'Lovelace', State: 'TX', Zip: '73301' };

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 12, entities: CATALOG_ENTITIES })).initialize();
    detector = new DuplicateDetector(ds, { setsCacheMs: 0 });
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `dups-${uniqueSuffix()}` });
    otherType = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `dups-other-${uniqueSuffix()}` });
    // A second lead source with its own campaign for the SAME lead type.
    const [source] = await ds.query(`INSERT INTO lead_sources (name) VALUES ($1) RETURNING id`, [`dups source 2 ${uniqueSuffix()}`]);
    const [campaign] = await ds.query(`INSERT INTO campaigns (lead_source_id, lead_type_id, name) VALUES ($1, $2, 'second source') RETURNING id`, [
      source.id,
      catalog.leadTypeId,
    ]);
    otherSource = { leadSourceId: source.id, campaignId: campaign.id, leadTypeId: catalog.leadTypeId };
  });
  afterAll(() => ds.destroy());

  const unique = () => `${uniqueSuffix()}@example.com`;

  /** What the receiver does per lead: check, and store with its keys when not a duplicate. */
  async function post(
    m: EntityManager,
    owner: LeadOwnerIds,
    fields: Record<string, string>,
    dupDayMax = 30,
  ): Promise<{ stored?: number; duplicateOf?: number }> {
    const keys = await detector.keysFor(owner.leadTypeId, fields);
    const duplicateOf = await detector.findDuplicate(m, owner.leadTypeId, keys, dupDayMax);
    if (duplicateOf) return { duplicateOf };
    const { id } = await insertTestLead(m, owner, fields);
    await detector.record(m, id, owner.leadTypeId, keys);
    return { stored: id };
  }
  const postAlone = (owner: LeadOwnerIds, fields: Record<string, string>, dupDayMax = 30) => ds.transaction((m) => post(m, owner, fields, dupDayMax));
  const check = async (owner: LeadOwnerIds, fields: Record<string, string>, days = 30, exclude?: number) =>
    ds.transaction(async (m) => detector.findDuplicate(m, owner.leadTypeId, await detector.keysFor(owner.leadTypeId, fields), days, exclude));

  it('finds the earliest lead with the same email within DupDayMax days', async () => {
    const email = unique();
    const first = await postAlone(catalog, { ...ada, Email: email });
    expect(first.stored).toBeDefined();
    // A second one stored by a campaign that does not scan (DupDayMax 0) still records its keys.
    const second = await postAlone(catalog, { ...ada, Email: email }, 0);
    expect(second.stored).toBeDefined();
    expect(await check(catalog, { FirstName: 'Someone', Email: ` ${email.toUpperCase()}` })).toBe(first.stored);
    expect(await check(catalog, { Email: email }, 30, first.stored)).toBe(second.stored);
    expect(await postAlone(catalog, { ...ada, Email: email })).toEqual({ duplicateOf: first.stored });
  });

  it('matches the default phone set however the number is written', async () => {
    const phone = `512${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const { stored } = await postAlone(catalog, { ...ada, Email: unique(), PrimaryPhone: phone });
    expect(await check(catalog, { Email: unique(), PrimaryPhone: `+1 (${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}` })).toBe(stored);
    expect(await check(catalog, { Email: unique(), PrimaryPhone: `${phone.slice(0, 9)}${(Number(phone[9]) + 1) % 10}` })).toBeUndefined();
  });

  it('stops seeing a lead once it is older than the window', async () => {
    const email = unique();
    const { stored } = await postAlone(catalog, { ...ada, Email: email });
    await ds.query(`UPDATE lead_duplicate_keys SET created_at = now() - interval '31 days' WHERE lead_id = $1`, [stored]);
    expect(await check(catalog, { Email: email }, 30)).toBeUndefined();
    expect(await check(catalog, { Email: email }, 32)).toBe(stored);
    expect(await postAlone(catalog, { ...ada, Email: email }, 30)).toHaveProperty('stored');
  });

  it('does not scan when DupDayMax is 0 or not a positive number', async () => {
    const email = unique();
    await postAlone(catalog, { ...ada, Email: email });
    for (const days of [0, -1, Number.NaN]) expect(await check(catalog, { Email: email }, days)).toBeUndefined();
  });

  it('counts a lead from another source of the same lead type, never one of another lead type', async () => {
    const email = unique();
    const fromOtherSource = await postAlone(otherSource, { ...ada, Email: email });
    expect(await check(catalog, { Email: email })).toBe(fromOtherSource.stored);

    const onlyOtherType = unique();
    await postAlone(otherType, { ...ada, Email: onlyOtherType });
    expect(await check(catalog, { Email: onlyOtherType })).toBeUndefined();
    expect(await check(otherType, { Email: onlyOtherType })).toBeDefined();
  });

  it("uses the lead type's own sets instead of the defaults: FirstName + LastName + Zip", async () => {
    const custom = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `dups-custom-${uniqueSuffix()}` });
    const [set] = await ds.query(`INSERT INTO lead_type_duplicate_sets (lead_type_id, name, fields) VALUES ($1, 'Name and zip', $2) RETURNING id`, [
      custom.leadTypeId,
      ['FirstName', 'LastName', 'Zip'],
    ]);
    const last = `Lovelace-${uniqueSuffix()}`;
    const email = unique();
    const { stored } = await postAlone(custom, { FirstName: 'Ada', LastName: last, Zip: '73301', Email: email });
    const [row] = await ds.query(`SELECT set_id, lead_type_id, octet_length(key_hash) AS len FROM lead_duplicate_keys WHERE lead_id = $1`, [stored]);
    expect(row).toEqual({ set_id: set.id, lead_type_id: custom.leadTypeId, len: 32 });

    expect(await check(custom, { FirstName: ' ada', LastName: last.toUpperCase(), Zip: '73301-4444', Email: unique() })).toBe(stored);
    // The defaults are not in force: the same email with another name is a new consumer here.
    expect(await check(custom, { FirstName: 'Ada', LastName: last, Zip: '73302', Email: email })).toBeUndefined();
    // An incomplete set gives no key, so nothing to match.
    expect(await detector.keysFor(custom.leadTypeId, { FirstName: 'Ada', LastName: last })).toEqual([]);
  });

  it('lets exactly one of several identical leads posted at the same instant through', async () => {
    const fields = { ...ada, Email: unique() };
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        ds.transaction(async (m) => {
          const outcome = await post(m, catalog, fields);
          // Hold the transaction open, as a slow batch would: the others must wait, not pass.
          await m.query(`SELECT pg_sleep(0.1)`);
          return outcome;
        }),
      ),
    );
    const stored = results.filter((r) => r.stored);
    expect(stored).toHaveLength(1);
    expect(results.filter((r) => r.duplicateOf === stored[0].stored)).toHaveLength(5);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM leads WHERE lead_type_id = $1 AND fields->>'Email' = $2`, [
      catalog.leadTypeId,
      fields.Email,
    ]);
    expect(n).toBe(1);
  });

  it('releases the lock when the first transaction rolls back, and the twin then passes', async () => {
    const fields = { ...ada, Email: unique() };
    let firstLocked!: () => void;
    const locked = new Promise<void>((r) => (firstLocked = r));
    const first = ds
      .transaction(async (m) => {
        await post(m, catalog, fields);
        firstLocked();
        await m.query(`SELECT pg_sleep(0.2)`);
        throw new Error('batch failed');
      })
      .catch((e: Error) => e.message);
    await locked;
    const twin = postAlone(catalog, fields);
    expect(await first).toBe('batch failed');
    expect(await twin).toHaveProperty('stored');
  });

  it('catches a twin inside the same batch and does not deadlock batches with keys in opposite orders', async () => {
    const [a, b] = [unique(), unique()];
    const batch = (emails: string[]) =>
      ds.transaction(async (m) => {
        const all = await Promise.all(emails.map((Email) => detector.keysFor(catalog.leadTypeId, { ...ada, Email })));
        await detector.lock(m, all.flat());
        const out = [];
        for (const Email of emails) {
          out.push(await post(m, catalog, { ...ada, Email }));
          await m.query(`SELECT pg_sleep(0.05)`);
        }
        return out;
      });
    const [x, y] = await Promise.all([batch([a, b, a]), batch([b, a])]);
    const stored = [...x, ...y].filter((r) => r.stored);
    expect(stored).toHaveLength(2);
    expect([...x, ...y].filter((r) => r.duplicateOf)).toHaveLength(3);
    // Whichever batch went first, its own second `a` is a duplicate of its first.
    const firstA = x[0].stored ?? y[1].stored;
    expect(x[2]).toEqual({ duplicateOf: firstA });
  });

  it('answers nothing for a lead without keys, and records nothing', async () => {
    await ds.transaction(async (m) => {
      expect(await detector.findDuplicate(m, catalog.leadTypeId, [], 30)).toBeUndefined();
      const { id } = await insertTestLead(m, catalog, { FirstName: 'No', LastName: 'Keys' });
      await detector.record(m, id, catalog.leadTypeId, await detector.keysFor(catalog.leadTypeId, { FirstName: 'No', LastName: 'Keys', Email: '  ' }));
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM lead_duplicate_keys WHERE lead_id = $1`, [id]);
      expect(n).toBe(0);
    });
  });

  it('sees a changed set only after the cache time', async () => {
    const cached = new DuplicateDetector(ds, { setsCacheMs: 60_000 });
    const custom = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `dups-cache-${uniqueSuffix()}` });
    expect((await cached.setsOf(custom.leadTypeId)).map((s) => s.name)).toEqual(['Email', 'PrimaryPhone']);
    await ds.query(`INSERT INTO lead_type_duplicate_sets (lead_type_id, name, fields) VALUES ($1, 'Phone', '{PrimaryPhone}')`, [custom.leadTypeId]);
    expect((await cached.setsOf(custom.leadTypeId)).map((s) => s.name)).toEqual(['Email', 'PrimaryPhone']);
    expect((await detector.setsOf(custom.leadTypeId)).map((s) => s.name)).toEqual(['Phone']);
  });

  it('refuses a duplicate set without fields at the database', async () => {
    await expect(ds.query(`INSERT INTO lead_type_duplicate_sets (lead_type_id, name, fields) VALUES ($1, 'empty', '{}')`, [catalog.leadTypeId])).rejects.toThrow(
      /check constraint/,
    );
  });
});
