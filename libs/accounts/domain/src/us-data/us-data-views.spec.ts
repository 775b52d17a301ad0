import { parseInStateFlag, parseRadiusSegment, toSeedUsState, toSeedUsZip } from './us-data-views';

describe('US data views', () => {
  it('maps a state with its FIPS number as StateUID', () => {
    expect(toSeedUsState({ code: 'NY', name: 'New York', fips: '36' })).toEqual({ StateUID: 36, Name: 'New York', Abbr: 'NY' });
    expect(toSeedUsState({ code: 'AL', name: 'Alabama', fips: '01' }).StateUID).toBe(1);
  });

  it('maps a zip to the seed fields, keeping leading zeros in ZIP and FIPS', () => {
    expect(
      toSeedUsZip({ zip: '01001', city: 'Agawam', state: 'MA', county: 'Hampden', countyFips: '25013', timeZone: 'America/New_York', latitude: 42.06, longitude: -72.61 }),
    ).toEqual({ USZipUID: 1001, ZIP: '01001', City: 'Agawam', State: 'MA', FIPS: '25013', County: 'Hampden', TimeZone: 'America/New_York', Lat: 42.06, Long: -72.61 });
  });

  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['yes', true], ['false', false], ['0', false], [' No ', false], [undefined, false], ['', false],
    ['maybe', undefined], ['2', undefined], [['true'], undefined],
  ])('InState %p → %p', (raw, expected) => {
    expect(parseInStateFlag(raw)).toBe(expected);
  });

  it.each([
    ['5', 5], ['2.5', 2.5], ['.5', 0.5], ['-3', -3], ['abc', NaN], ['5mi', NaN], ['1e3', NaN], ['', NaN], ['Infinity', NaN],
  ])('Radius %p → %p', (raw, expected) => {
    expect(parseRadiusSegment(raw)).toBe(expected);
  });
});
