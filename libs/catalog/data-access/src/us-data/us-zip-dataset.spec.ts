import { buildUsZipDataset, toUsZipCode, type UsZipSourceRecord } from './us-zip-dataset';

function record(over: Partial<UsZipSourceRecord> = {}): UsZipSourceRecord {
  return {
    zip: '10001',
    city: 'New York',
    stateAbbreviation: 'NY',
    stateName: 'New York',
    county: 'New York',
    county_fips: 36061,
    timezone: 'America/New_York',
    latitude: 40.75064,
    longitude: -73.99728,
    ...over,
  };
}

describe('toUsZipCode', () => {
  it('maps a package record to a row', () => {
    expect(toUsZipCode(record())).toEqual({
      zip: '10001',
      city: 'New York',
      state: 'NY',
      county: 'New York',
      countyFips: '36061',
      timeZone: 'America/New_York',
      latitude: 40.75064,
      longitude: -73.99728,
    });
  });

  it('restores the leading zero the package drops from county FIPS', () => {
    expect(toUsZipCode(record({ zip: '36003', stateAbbreviation: 'AL', county_fips: 1001 })).countyFips).toBe('01001');
    expect(toUsZipCode(record({ county_fips: '6037' })).countyFips).toBe('06037');
  });

  it.each<[string, Partial<UsZipSourceRecord>, RegExp]>([
    ['a 4-digit zip', { zip: '1001' }, /"1001" is not a 5-digit zip/],
    ['a missing city', { city: '  ' }, /10001 has no city/],
    ['a bad state', { stateAbbreviation: 'N1' }, /10001 has state "N1"/],
    ['a missing county', { county: '' }, /10001 has no county/],
    ['a FIPS code of 6 digits', { county_fips: 360610 }, /county FIPS 360610/],
    ['a zero FIPS code', { county_fips: 0 }, /county FIPS 0/],
    ['no time zone', { timezone: '' }, /no time zone/],
    ['a latitude out of range', { latitude: 91 }, /coordinates 91/],
    ['a NaN longitude', { longitude: Number.NaN }, /coordinates/],
  ])('refuses %s', (_what, over, message) => {
    expect(() => toUsZipCode(record(over))).toThrow(message);
  });
});

describe('buildUsZipDataset', () => {
  it('sorts zips and derives each state from most of its zips', () => {
    const ds = buildUsZipDataset([
      record({ zip: '10002' }),
      record({ zip: '10001' }),
      // A border zip filed under a neighbouring state's county must not decide NY's FIPS.
      record({ zip: '10003', county_fips: 34003 }),
      record({ zip: '02903', stateAbbreviation: 'RI', stateName: 'Rhode Island', county: 'Providence', county_fips: 44007 }),
    ]);
    expect(ds.zips.map((z) => z.zip)).toEqual(['02903', '10001', '10002', '10003']);
    expect(ds.states).toEqual([
      { code: 'NY', name: 'New York', fips: '36' },
      { code: 'RI', name: 'Rhode Island', fips: '44' },
    ]);
  });

  it('refuses a dataset that lists a zip twice', () => {
    expect(() => buildUsZipDataset([record(), record({ city: 'Manhattan' })])).toThrow('zip dataset: 10001 appears twice');
  });

  it('refuses a record without a state name', () => {
    expect(() => buildUsZipDataset([record({ stateName: '' })])).toThrow('10001 has no state name');
  });
});
