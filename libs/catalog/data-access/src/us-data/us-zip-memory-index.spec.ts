import { haversineMiles } from './haversine';
import type { UsZipCode } from './us-zip-code';
import { UsZipInputError } from './us-zip-input-error';
import { UsZipMemoryIndex } from './us-zip-memory-index';

function zip(z: string, city: string, state: string, latitude: number, longitude: number): UsZipCode {
  return { zip: z, city, state, county: 'X', countyFips: '00001', timeZone: 'America/New_York', latitude, longitude };
}

describe('UsZipMemoryIndex', () => {
  const rows = [
    zip('10001', 'New York', 'NY', 40.75064, -73.99728),
    zip('90001', 'Los Angeles', 'CA', 33.97365, -118.24904),
    zip('02134', 'Allston', 'MA', 42.35, -71.13),
  ];
  const index = UsZipMemoryIndex.fromRows(rows);

  it('finds a zip by its five digits or ZIP+4, leading zeros kept', () => {
    expect(index.size).toBe(3);
    expect(index.get('02134')).toEqual(rows[2]);
    expect(index.cityStateFor('10001-4321')).toEqual({ city: 'New York', state: 'NY' });
    expect(index.cityStateFor(' 90001 ')).toEqual({ city: 'Los Angeles', state: 'CA' });
  });

  it('answers undefined for an unknown zip and throws for a non-zip', () => {
    expect(index.get('99999')).toBeUndefined();
    expect(index.cityStateFor('99999')).toBeUndefined();
    expect(() => index.cityStateFor('1000')).toThrow(UsZipInputError);
    expect(() => index.distanceMiles('10001', 'abcde')).toThrow('zip code must be 5 digits');
  });

  it('measures distance between known zips only', () => {
    expect(index.distanceMiles('10001', '90001')).toBe(haversineMiles(rows[0], rows[1]));
    expect(index.distanceMiles('10001', '10001')).toBe(0);
    expect(index.distanceMiles('10001', '99999')).toBeUndefined();
    expect(index.distanceMiles('99999', '10001')).toBeUndefined();
  });
});
