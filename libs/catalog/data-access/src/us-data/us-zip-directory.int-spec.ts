import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '@leadx/platform-database';
import { testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { haversineMiles } from './haversine';
import { loadUsZipData } from './load-us-zip-data';
import type { UsZipCode } from './us-zip-code';
import { UsZipDirectory } from './us-zip-directory';
import { UsZipInputError } from './us-zip-input-error';

/** load-us-zip-data.int-spec briefly inserts this fake zip into the shared table; never count it. */
const LOADER_TEST_ZIP = '00002';

describe('UsZipDirectory (real Postgres, real zip data)', () => {
  let ds: DataSource;
  let directory: UsZipDirectory;
  let all: UsZipCode[];

  /** What a radius search must return, by brute force over the whole table. */
  function bruteForce(center: UsZipCode, miles: number, inState = false): string[] {
    return all
      .filter((z) => haversineMiles(center, z) <= miles && (!inState || z.state === center.state))
      .map((z) => z.zip)
      .sort();
  }

  async function rejection(p: Promise<unknown>): Promise<UsZipInputError> {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UsZipInputError);
    expect(e).not.toBeInstanceOf(QueryFailedError);
    return e as UsZipInputError;
  }

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4, applicationName: 'leadx-zip-directory-test' }));
    await ds.initialize();
    await loadUsZipData(ds);
    directory = new UsZipDirectory(ds);
    all = await ds.query(`SELECT zip, state, latitude, longitude FROM us_zip_codes WHERE zip <> '${LOADER_TEST_ZIP}'`);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('lists the 50 states, DC and the territories', async () => {
    const states = await directory.states();
    expect(states).toHaveLength(56);
    expect(states[0]).toEqual({ code: 'AK', name: 'Alaska', fips: '02' });
    expect(states).toContainEqual({ code: 'NY', name: 'New York', fips: '36' });
    expect(states.map((s) => s.code)).toEqual([...states.map((s) => s.code)].sort());
  });

  it('finds 10001: New York, NY, New York county (36061), America/New_York', async () => {
    const z = await directory.byZip('10001');
    expect(z).toEqual({
      zip: '10001',
      city: 'New York',
      state: 'NY',
      county: 'New York',
      countyFips: '36061',
      timeZone: 'America/New_York',
      latitude: expect.closeTo(40.7506, 3),
      longitude: expect.closeTo(-73.9973, 3),
    });
    expect(await directory.byZip('10001-1234')).toEqual(z);
    // Leading zeros survive (Agawam MA), and so does the county FIPS's (Hampden 25013; Autauga AL 01001).
    expect(await directory.byZip('01001')).toMatchObject({ city: 'Agawam', state: 'MA', countyFips: '25013' });
  });

  it('answers undefined or empty for what it does not have', async () => {
    expect(await directory.byZip('99999')).toBeUndefined();
    expect(await directory.byState('ZZ')).toEqual([]);
    expect(await directory.byStateAndCounty('NY', 'Nowhere')).toEqual([]);
    expect(await directory.byCountyFips('99999')).toEqual([]);
    expect(await directory.withinRadius('99999', 50)).toEqual([]);
    expect(await directory.distanceMiles('10001', '99999')).toBeUndefined();
  });

  it('lists a state: every RI zip and nothing else, in zip order, any case', async () => {
    const ri = await directory.byState('RI');
    const expected = all.filter((z) => z.state === 'RI').map((z) => z.zip).sort();
    expect(ri.length).toBeGreaterThan(50);
    expect(ri.map((z) => z.zip)).toEqual(expected);
    expect(ri.every((z) => z.state === 'RI' && z.countyFips.startsWith('44'))).toBe(true);
    expect((await directory.byState('ri')).map((z) => z.zip)).toEqual(expected);
  });

  it('lists a county by name with or without "County"/"Parish", in any case', async () => {
    const manhattan = await directory.byStateAndCounty('NY', 'New York');
    expect(manhattan.map((z) => z.zip)).toContain('10001');
    expect(manhattan.every((z) => z.state === 'NY' && z.county === 'New York' && z.countyFips === '36061')).toBe(true);
    expect(await directory.byStateAndCounty('ny', 'NEW YORK COUNTY')).toEqual(manhattan);
    expect(await directory.byStateAndCounty('NY', ' new  york ')).toEqual(manhattan);
    // Same name, other state: Orleans County NY is not Orleans Parish LA.
    const orleansLa = await directory.byStateAndCounty('LA', 'Orleans Parish');
    expect(orleansLa.map((z) => z.zip)).toContain('70112');
    expect(orleansLa.every((z) => z.state === 'LA' && z.countyFips === '22071')).toBe(true);
    const orleansNy = await directory.byStateAndCounty('NY', 'Orleans');
    expect(orleansNy.length).toBeGreaterThan(0);
    expect(orleansNy.every((z) => z.countyFips === '36073')).toBe(true);
  });

  it('lists a county by FIPS code, leading zero included', async () => {
    const byFips = await directory.byCountyFips('36061');
    expect(byFips).toEqual(await directory.byStateAndCounty('NY', 'New York'));
    const autauga = await directory.byCountyFips('01001');
    expect(autauga.length).toBeGreaterThan(0);
    expect(autauga.every((z) => z.state === 'AL' && z.county === 'Autauga')).toBe(true);
  });

  it('finds zips within 5 miles of 10001: 10002 in, LA out, nearest first, exact distances', async () => {
    const near = await directory.withinRadius('10001', 5);
    const zips = near.map((z) => z.zip);
    expect(zips[0]).toBe('10001');
    expect(near[0].distanceMiles).toBe(0);
    expect(zips).toContain('10002');
    expect(zips).not.toContain('90001');
    expect([...zips].sort()).toEqual(bruteForce(near[0], 5));
    const center = near[0];
    for (let i = 0; i < near.length; i++) {
      expect(near[i].distanceMiles).toBeLessThanOrEqual(5);
      expect(near[i].distanceMiles).toBeCloseTo(haversineMiles(center, near[i]), 6);
      if (i > 0) expect(near[i].distanceMiles).toBeGreaterThanOrEqual(near[i - 1].distanceMiles);
    }
    expect(near[0]).toMatchObject({ city: 'New York', county: 'New York', countyFips: '36061', timeZone: 'America/New_York' });
  });

  it('crosses the state line unless InState: 10 miles around 10001 reaches New Jersey', async () => {
    const any = await directory.withinRadius('10001', 10);
    const states = new Set(any.map((z) => z.state));
    expect(states).toEqual(new Set(['NY', 'NJ']));
    expect(any.map((z) => z.zip)).toContain('07030'); // Hoboken
    const inState = await directory.withinRadius('10001', 10, true);
    expect(inState.every((z) => z.state === 'NY')).toBe(true);
    expect(inState.map((z) => z.zip)).not.toContain('07030');
    expect(inState).toEqual(any.filter((z) => z.state === 'NY'));
    expect([...inState.map((z) => z.zip)].sort()).toEqual(bruteForce(any[0], 10, true));
  });

  it.each<[string, number]>([
    ['99546', 500], // Adak AK: the circle crosses the antimeridian
    ['96910', 200], // Hagatna GU: east longitudes
    ['59101', 250], // Billings MT: a wide longitude band
    ['33040', 120], // Key West FL: mostly sea
    ['10001', 0], // just the zip (and any sharing its centroid)
  ])('returns exactly the brute-force set around %s within %d miles', async (zip, miles) => {
    const found = await directory.withinRadius(zip, miles);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((z) => z.zip).filter((z) => z !== LOADER_TEST_ZIP).sort()).toEqual(bruteForce(found[0], miles));
  });

  it('measures distances between zips: NYC to LA about 2,450 miles', async () => {
    const d = await directory.distanceMiles('10001', '90001');
    expect(d).toBeDefined();
    expect(Math.abs((d ?? 0) - 2450) / 2450).toBeLessThan(0.01);
    expect(await directory.distanceMiles('90001', '10001')).toBeCloseTo(d ?? 0, 9);
    expect(await directory.distanceMiles('10001', '10001-0001')).toBe(0);
  });

  it('rejects malformed input with a UsZipInputError, never a SQL error', async () => {
    expect((await rejection(directory.byZip('1000a'))).message).toBe('zip code must be 5 digits (or ZIP+4), got "1000a"');
    await rejection(directory.byZip("10001' OR '1'='1"));
    await rejection(directory.byZip(''));
    expect((await rejection(directory.byState('New York'))).field).toBe('state');
    expect((await rejection(directory.byStateAndCounty('NY', ''))).field).toBe('county');
    expect((await rejection(directory.byStateAndCounty('N;', 'Kings'))).field).toBe('state');
    expect((await rejection(directory.byCountyFips('3606'))).field).toBe('fips');
    expect((await rejection(directory.withinRadius('10001', -1))).message).toBe('radius must not be negative, got -1');
    expect((await rejection(directory.withinRadius('10001', 501))).message).toBe('radius must be at most 500 miles, got 501');
    expect((await rejection(directory.withinRadius('10001', Number.NaN))).field).toBe('radius');
    expect((await rejection(directory.withinRadius('abc', 5))).field).toBe('zip');
    // A query-string "false" must not silently mean true.
    await expect(directory.withinRadius('10001', 5, 'false' as unknown as boolean)).rejects.toThrow(new TypeError('inState must be a boolean'));
    expect((await rejection(directory.distanceMiles('10001', '9000'))).field).toBe('zip');
    expect((await rejection(directory.cityStateFor('1234'))).field).toBe('zip');
  });

  it('answers city/state from memory, loaded once and shared', async () => {
    expect(await directory.cityStateFor('10001')).toEqual({ city: 'New York', state: 'NY' });
    expect(await directory.cityStateFor('90001-1234')).toEqual({ city: 'Los Angeles', state: 'CA' });
    expect(await directory.cityStateFor('99999')).toBeUndefined();
    const [a, b] = await Promise.all([directory.inMemory(), directory.inMemory()]);
    expect(a).toBe(b);
    expect(a.size).toBeGreaterThanOrEqual(all.length);
    expect(a.get('10001')).toEqual(await directory.byZip('10001'));
    expect(a.distanceMiles('10001', '90001')).toBeCloseTo((await directory.distanceMiles('10001', '90001')) ?? -1, 9);
  });

  it('refuses an empty zip table (loader not run) and loads on a later call once it is filled', async () => {
    const schema = `zip_empty_${uniqueSuffix()}`;
    await ds.query(`CREATE SCHEMA ${schema}`);
    await ds.query(`CREATE TABLE ${schema}.us_zip_codes (LIKE public.us_zip_codes INCLUDING ALL)`);
    const url = new URL(testEnv.databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const scoped = new DataSource(dataSourceOptions({ url: url.toString(), poolSize: 1 }));
    await scoped.initialize();
    try {
      const empty = new UsZipDirectory(scoped);
      await expect(empty.cityStateFor('10001')).rejects.toThrow('us_zip_codes is empty: load it with');
      await ds.query(`INSERT INTO ${schema}.us_zip_codes SELECT * FROM public.us_zip_codes WHERE zip = '10001'`);
      expect(await empty.cityStateFor('10001')).toEqual({ city: 'New York', state: 'NY' });
      expect((await empty.inMemory()).size).toBe(1);
    } finally {
      await scoped.destroy();
      await ds.query(`DROP SCHEMA ${schema} CASCADE`);
    }
  });
});
