import { UsZipInputError } from './us-zip-input-error';
import {
  countyNameCandidates,
  MAX_RADIUS_MILES,
  normalizeUsZip,
  parseCountyFips,
  parseRadiusMiles,
  parseStateCode,
  parseUsZip,
} from './us-zip-inputs';

function errorOf(fn: () => unknown): UsZipInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsZipInputError) return e;
    throw e;
  }
  throw new Error('expected a UsZipInputError');
}

describe('zip inputs', () => {
  it('normalizes 5-digit zips and ZIP+4, keeping leading zeros', () => {
    expect(normalizeUsZip('10001')).toBe('10001');
    expect(normalizeUsZip(' 02134 ')).toBe('02134');
    expect(normalizeUsZip('10001-1234')).toBe('10001');
    expect(normalizeUsZip('100011234')).toBe('10001');
  });

  it.each(['', '1000', '100010', '1000a', 'abcde', '10001-12', '10001 1234', '１０００１', "10001' OR '1'='1"])(
    'does not take %p for a zip',
    (bad) => {
      expect(normalizeUsZip(bad)).toBeUndefined();
      const e = errorOf(() => parseUsZip(bad));
      expect(e.field).toBe('zip');
      expect(e.message).toMatch(/^zip code must be 5 digits \(or ZIP\+4\), got "/);
    },
  );

  it('rejects non-strings as zips, and clips a long echo', () => {
    expect(normalizeUsZip(10001)).toBeUndefined();
    expect(() => parseUsZip(undefined)).toThrow(UsZipInputError);
    const e = errorOf(() => parseUsZip('x'.repeat(5000)));
    expect(e.message.length).toBeLessThan(120);
  });

  it('upper-cases state codes and rejects anything but two letters', () => {
    expect(parseStateCode('ny')).toBe('NY');
    expect(parseStateCode(' Ri ')).toBe('RI');
    for (const bad of ['', 'N', 'NYC', 'N1', '12', 'N Y']) {
      const e = errorOf(() => parseStateCode(bad));
      expect(e.field).toBe('state');
      expect(e.message).toContain('two-letter code');
    }
  });

  it('takes five-digit county FIPS codes only', () => {
    expect(parseCountyFips('36061')).toBe('36061');
    expect(parseCountyFips('01001')).toBe('01001');
    for (const bad of ['3606', '360610', '3606a', '', '36061;drop table us_zip_codes']) {
      expect(errorOf(() => parseCountyFips(bad)).field).toBe('fips');
    }
  });

  it('matches a county with or without its suffix, in any case', () => {
    expect(countyNameCandidates('New York')).toEqual(['new york']);
    expect(countyNameCandidates('  New   York COUNTY ')).toEqual(['new york county', 'new york']);
    expect(countyNameCandidates('Orleans Parish')).toEqual(['orleans parish', 'orleans']);
    // A county whose whole name is the suffix word stays as written.
    expect(countyNameCandidates('County')).toEqual(['county']);
    expect(errorOf(() => countyNameCandidates('   ')).field).toBe('county');
    expect(errorOf(() => countyNameCandidates('x'.repeat(101))).message).toContain('1 to 100 characters');
  });

  it('takes radii from 0 to the cap and explains every rejection', () => {
    expect(parseRadiusMiles(0)).toBe(0);
    expect(parseRadiusMiles(12.5)).toBe(12.5);
    expect(parseRadiusMiles(MAX_RADIUS_MILES)).toBe(500);
    expect(errorOf(() => parseRadiusMiles(-1)).message).toBe('radius must not be negative, got -1');
    expect(errorOf(() => parseRadiusMiles(500.01)).message).toBe('radius must be at most 500 miles, got 500.01');
    expect(errorOf(() => parseRadiusMiles(Number.NaN)).message).toBe('radius must be a number of miles, got "NaN"');
    expect(errorOf(() => parseRadiusMiles(Number.POSITIVE_INFINITY)).field).toBe('radius');
    expect(errorOf(() => parseRadiusMiles('5')).field).toBe('radius');
  });
});
