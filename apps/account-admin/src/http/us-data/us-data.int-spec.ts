import { loadUsZipData } from '@leadx/catalog-data-access';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

interface Zip {
  USZipUID: number;
  ZIP: string;
  City: string;
  State: string;
  FIPS: string;
  County: string;
  TimeZone: string;
  Lat: number;
  Long: number;
}

describe('Account API US data (real zip data)', () => {
  let api: AccountApiHarness;

  beforeAll(async () => {
    api = await startAccountApi();
    await loadUsZipData(api.service.infra.dataSource);
  });
  afterAll(() => api?.close());

  const get = <T = Zip[]>(path: string) => api.call<T>('GET', `/v1/data/validation${path}`);
  const expectBadRequest = async (path: string, field: string) => {
    const res = await get<{ StatusCode: number; Errors: Array<{ Field: string }> }>(path);
    expect({ path, status: res.status }).toEqual({ path, status: 400 });
    expect(res.body.Errors.map((e) => e.Field)).toEqual([field]);
  };
  const expectNotFound = async (path: string, named: string) => {
    const res = await get<{ Message: string }>(path);
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
    expect(res.body.Message).toContain(named);
  };

  it('lists the states in the seed shape, StateUID being the FIPS number', async () => {
    const res = await get<Array<{ StateUID: number; Name: string; Abbr: string }>>('/states');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(56);
    expect(res.body).toContainEqual({ StateUID: 36, Name: 'New York', Abbr: 'NY' });
    expect(res.body).toContainEqual({ StateUID: 1, Name: 'Alabama', Abbr: 'AL' });
    for (const s of res.body) expect(Object.keys(s).sort()).toEqual(['Abbr', 'Name', 'StateUID']);
  });

  it('lists the zips of a state by code (any case) or name, in the seed shape', async () => {
    const res = await get('/us/zips/state/ny');
    expect(res.status).toBe(200);
    const [{ n }] = (await api.pool.query(`SELECT count(*)::int AS n FROM us_zip_codes WHERE state = 'NY'`)).rows;
    expect(res.body).toHaveLength(n);
    expect(res.body.every((z) => z.State === 'NY')).toBe(true);
    expect(res.body.find((z) => z.ZIP === '10001')).toEqual({
      USZipUID: 10001,
      ZIP: '10001',
      City: 'New York',
      State: 'NY',
      FIPS: '36061',
      County: 'New York',
      TimeZone: 'America/New_York',
      Lat: expect.closeTo(40.7506, 3),
      Long: expect.closeTo(-73.9973, 3),
    });
    const byName = await get('/us/zips/state/New%20York');
    expect(byName.body.map((z) => z.ZIP)).toEqual(res.body.map((z) => z.ZIP));
    // Leading zeros stay in ZIP; USZipUID is the number.
    const ma = await get('/us/zips/state/MA');
    expect(ma.body.find((z) => z.ZIP === '01001')).toMatchObject({ USZipUID: 1001, City: 'Agawam', FIPS: '25013' });
  });

  it('lists the zips of a county, with or without "County", in any case', async () => {
    const res = await get('/us/zips/state/NY/New%20York');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(50);
    expect(res.body.every((z) => z.County === 'New York' && z.FIPS === '36061')).toBe(true);
    expect(res.body.map((z) => z.ZIP)).toContain('10001');
    const suffixed = await get('/us/zips/state/ny/new%20york%20county');
    expect(suffixed.body.map((z) => z.ZIP)).toEqual(res.body.map((z) => z.ZIP));
    const parish = await get('/us/zips/state/LA/Orleans%20Parish');
    expect(parish.status).toBe(200);
    expect(parish.body.every((z) => z.County === 'Orleans' && z.State === 'LA')).toBe(true);
  });

  it('lists the zips of a county FIPS code', async () => {
    const res = await get('/us/zips/fips/36061');
    expect(res.status).toBe(200);
    expect(res.body.every((z) => z.FIPS === '36061' && z.State === 'NY')).toBe(true);
    const county = await get('/us/zips/state/NY/New%20York');
    expect(res.body.map((z) => z.ZIP)).toEqual(county.body.map((z) => z.ZIP));
  });

  it('finds zips within a radius, nearest first, and only the centre state with InState=true', async () => {
    const all = await get('/us/zips/10001/radius/10');
    expect(all.status).toBe(200);
    expect(all.body[0].ZIP).toBe('10001');
    const states = new Set(all.body.map((z) => z.State));
    expect(states.has('NJ')).toBe(true);
    expect(all.body.map((z) => z.ZIP)).toContain('07030'); // Hoboken, NJ: about 2 miles away
    const inState = await get('/us/zips/10001/radius/10?InState=true');
    expect(inState.status).toBe(200);
    expect(inState.body.length).toBeGreaterThan(10);
    expect(inState.body.every((z) => z.State === 'NY')).toBe(true);
    expect(inState.body.map((z) => z.ZIP)).toEqual(all.body.filter((z) => z.State === 'NY').map((z) => z.ZIP));
    const explicitFalse = await get('/us/zips/10001/radius/10?InState=false');
    expect(explicitFalse.body.map((z) => z.ZIP)).toEqual(all.body.map((z) => z.ZIP));
    for (const z of inState.body) expect(Object.keys(z).sort()).toEqual(['City', 'County', 'FIPS', 'Lat', 'Long', 'State', 'TimeZone', 'USZipUID', 'ZIP']);
  });

  it('accepts a ZIP+4 centre, a fractional radius and radius 0', async () => {
    const plus4 = await get('/us/zips/10001-1234/radius/1.5?InState=1');
    expect(plus4.status).toBe(200);
    expect(plus4.body[0].ZIP).toBe('10001');
    const zero = await get('/us/zips/10001/radius/0');
    expect(zero.body.map((z) => z.ZIP)).toEqual(['10001']);
  });

  it('answers 400 naming the malformed segment', async () => {
    await expectBadRequest('/us/zips/state/N1', 'State');
    await expectBadRequest(`/us/zips/state/${'x'.repeat(60)}`, 'State');
    await expectBadRequest(`/us/zips/state/NY/${'c'.repeat(150)}`, 'County');
    await expectBadRequest('/us/zips/fips/3606', 'FIPS');
    await expectBadRequest("/us/zips/fips/36061'%20OR%201=1", 'FIPS');
    await expectBadRequest('/us/zips/abcde/radius/5', 'ZipCode');
    await expectBadRequest('/us/zips/1000/radius/5', 'ZipCode');
    await expectBadRequest('/us/zips/10001/radius/abc', 'Radius');
    await expectBadRequest('/us/zips/10001/radius/-1', 'Radius');
    await expectBadRequest('/us/zips/10001/radius/501', 'Radius');
    await expectBadRequest('/us/zips/99999/radius/501', 'Radius');
    await expectBadRequest('/us/zips/10001/radius/5?InState=maybe', 'InState');
  });

  it('answers 404 for what does not exist', async () => {
    await expectNotFound('/us/zips/state/ZZ', 'state ZZ');
    await expectNotFound('/us/zips/state/Atlantis', 'state Atlantis');
    await expectNotFound('/us/zips/state/NY/Nowhere', 'Nowhere');
    await expectNotFound('/us/zips/fips/99999', '99999');
    await expectNotFound('/us/zips/99999/radius/5', 'zip code 99999');
  });
});
