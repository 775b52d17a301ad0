import { EARTH_RADIUS_MILES, haversineMiles } from './haversine';

const NYC_10001 = { latitude: 40.75064, longitude: -73.99728 };
const LA_90001 = { latitude: 33.97365, longitude: -118.24904 };

describe('haversineMiles', () => {
  it('puts NYC 10001 about 2,450 miles from LA 90001 (within 1%)', () => {
    const d = haversineMiles(NYC_10001, LA_90001);
    expect(Math.abs(d - 2450) / 2450).toBeLessThan(0.01);
  });

  it('matches published great-circle distances (JFK-LAX 2,475 mi, London-Paris 214 mi)', () => {
    const jfkLax = haversineMiles({ latitude: 40.6413, longitude: -73.7781 }, { latitude: 33.9416, longitude: -118.4085 });
    expect(Math.abs(jfkLax - 2475) / 2475).toBeLessThan(0.005);
    const londonParis = haversineMiles({ latitude: 51.5074, longitude: -0.1278 }, { latitude: 48.8566, longitude: 2.3522 });
    expect(Math.abs(londonParis - 213.9) / 213.9).toBeLessThan(0.01);
  });

  it('is zero for one point, symmetric, and one degree of latitude is ~69.09 miles', () => {
    expect(haversineMiles(NYC_10001, NYC_10001)).toBe(0);
    expect(haversineMiles(LA_90001, NYC_10001)).toBeCloseTo(haversineMiles(NYC_10001, LA_90001), 9);
    expect(haversineMiles({ latitude: 10, longitude: 20 }, { latitude: 11, longitude: 20 })).toBeCloseTo(69.09, 2);
  });

  it('takes the short way across the antimeridian and handles antipodes', () => {
    // 179.5E to 179.5W on the equator is one degree, not 359.
    expect(haversineMiles({ latitude: 0, longitude: 179.5 }, { latitude: 0, longitude: -179.5 })).toBeCloseTo(69.09, 2);
    expect(haversineMiles({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_MILES, 6);
    expect(haversineMiles({ latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_MILES, 6);
  });

  it.each([
    [{ latitude: Number.NaN, longitude: 0 }],
    [{ latitude: 0, longitude: Number.POSITIVE_INFINITY }],
    [{ latitude: 90.5, longitude: 0 }],
    [{ latitude: 0, longitude: -180.01 }],
  ])('rejects a point that is not a coordinate: %o', (bad) => {
    expect(() => haversineMiles(bad, NYC_10001)).toThrow(/not a coordinate/);
    expect(() => haversineMiles(NYC_10001, bad)).toThrow(RangeError);
  });
});
