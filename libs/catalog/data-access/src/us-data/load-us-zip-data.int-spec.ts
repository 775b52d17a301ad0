import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@leadx/platform-database';
import { testEnv } from '@leadx/platform-testing';
import { loadUsZipData, MIN_EXPECTED_US_ZIPS, readUsZipDataset } from './load-us-zip-data';
import type { UsZipDataset } from './us-zip-dataset';

/** Loads run concurrently with the directory suite on the same tables: every change here is one
 * that suite never looks at (a Montana zip's city, a fake zip far from its radius searches). */
describe('loadUsZipData (real Postgres)', () => {
  let ds: DataSource;
  let dataset: UsZipDataset;

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows: Array<{ n: number }> = await ds.query(sql, params);
    return rows[0].n;
  };

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4, applicationName: 'leadx-zip-load-test' }));
    await ds.initialize();
    dataset = await readUsZipDataset();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('loads every zip of the package and a second run changes nothing', async () => {
    const started = Date.now();
    const first = await loadUsZipData(ds, dataset);
    const firstMs = Date.now() - started;
    expect(first.zips).toBeGreaterThan(MIN_EXPECTED_US_ZIPS);
    expect(first.states).toBe(56);
    // "A few seconds" for the whole table, even on a cold table and a slow CI machine.
    expect(firstMs).toBeLessThan(10_000);

    const second = await loadUsZipData(ds, dataset);
    expect(second).toMatchObject({ states: first.states, zips: first.zips, changedZips: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM us_zip_codes`)).toBe(first.zips);
    expect(await count(`SELECT count(*)::int AS n FROM us_states`)).toBe(56);
  });

  it('reads the package itself when no dataset is given, through a plain pg Client', async () => {
    const client = new Client({ connectionString: testEnv.databaseUrl });
    await client.connect();
    try {
      const r = await loadUsZipData(client);
      expect(r).toMatchObject({ zips: dataset.zips.length, states: dataset.states.length, changedZips: 0 });
    } finally {
      await client.end();
    }
  });

  it('derives exactly the states and FIPS codes the migration seeded', async () => {
    const seeded = await ds.query(`SELECT code, name, fips FROM us_states ORDER BY code`);
    expect(dataset.states).toEqual(seeded);
    expect(seeded).toEqual(expect.arrayContaining([{ code: 'DC', name: 'District of Columbia', fips: '11' }, { code: 'PR', name: 'Puerto Rico', fips: '72' }]));
  });

  it('repairs a changed zip and removes one the package does not have', async () => {
    await ds.query(`UPDATE us_zip_codes SET city = 'Not Billings' WHERE zip = '59101'`);
    await ds.query(
      `INSERT INTO us_zip_codes VALUES ('00002', 'Nowhere', 'MT', 'Nowhere', '30999', 'America/Denver', 47.5, -108.5)
       ON CONFLICT (zip) DO NOTHING`,
    );
    const r = await loadUsZipData(ds, dataset);
    // Another suite's load may have repaired them first; either way they are repaired now.
    expect(r.changedZips).toBeLessThanOrEqual(1);
    expect(await ds.query(`SELECT city FROM us_zip_codes WHERE zip = '59101'`)).toEqual([{ city: 'Billings' }]);
    expect(await count(`SELECT count(*)::int AS n FROM us_zip_codes WHERE zip = '00002'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM us_zip_codes`)).toBe(dataset.zips.length);
  });

  it('two loads at once both succeed (concurrent test suites share the tables)', async () => {
    const client = new Client({ connectionString: testEnv.databaseUrl });
    await client.connect();
    try {
      const [a, b] = await Promise.all([loadUsZipData(ds, dataset), loadUsZipData(client, dataset)]);
      expect(a.zips).toBe(dataset.zips.length);
      expect(b.zips).toBe(dataset.zips.length);
    } finally {
      await client.end();
    }
    expect(await count(`SELECT count(*)::int AS n FROM us_zip_codes`)).toBe(dataset.zips.length);
  });

  it('refuses a truncated dataset instead of deleting most of the table', async () => {
    const truncated = { states: dataset.states, zips: dataset.zips.slice(0, 1000) };
    await expect(loadUsZipData(ds, truncated)).rejects.toThrow(
      `zip dataset has only 1000 zips (expected at least ${MIN_EXPECTED_US_ZIPS}); not loading it`,
    );
    expect(await count(`SELECT count(*)::int AS n FROM us_zip_codes`)).toBe(dataset.zips.length);
  });
});
