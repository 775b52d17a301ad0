import { EARTH_RADIUS_MILES, haversineMiles } from './haversine';
import { radiusBoundingBox, type BoundingBox } from './radius-bounding-box';
import type { GeoPoint } from './us-zip-code';

const RAD = Math.PI / 180;

/** The point `miles` from `from` on initial bearing `bearingDeg` (great circle). */
function destination(from: GeoPoint, bearingDeg: number, miles: number): GeoPoint {
  const d = miles / EARTH_RADIUS_MILES;
  const lat1 = from.latitude * RAD;
  const theta = bearingDeg * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(theta));
  const lon2 = from.longitude * RAD + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  const lon = ((((lon2 / RAD + 180) % 360) + 360) % 360) - 180;
  return { latitude: lat2 / RAD, longitude: lon };
}

function inside(box: BoundingBox, p: GeoPoint): boolean {
  const latOk = p.latitude >= box.minLatitude && p.latitude <= box.maxLatitude;
  return latOk && (!box.longitude || (p.longitude >= box.longitude.min && p.longitude <= box.longitude.max));
}

describe('radiusBoundingBox', () => {
  const centres: Array<[string, GeoPoint]> = [
    ['NYC', { latitude: 40.75064, longitude: -73.99728 }],
    ['Honolulu', { latitude: 21.3, longitude: -157.85 }],
    ['Utqiagvik AK', { latitude: 71.29, longitude: -156.79 }],
    ['Pago Pago', { latitude: -14.28, longitude: -170.7 }],
    ['Guam', { latitude: 13.45, longitude: 144.75 }],
  ];

  it.each(centres)('keeps every point of the circle around %s inside the box', (_name, centre) => {
    for (const miles of [0.5, 5, 50, 500]) {
      const box = radiusBoundingBox(centre, miles);
      for (let bearing = 0; bearing < 360; bearing += 2.5) {
        const p = destination(centre, bearing, miles);
        expect(haversineMiles(centre, p)).toBeCloseTo(miles, 6);
        expect(inside(box, p)).toBe(true);
      }
    }
  });

  it('is tight: the box is not much wider than the circle', () => {
    const centre = centres[0][1];
    const box = radiusBoundingBox(centre, 50);
    expect(box.maxLatitude - box.minLatitude).toBeCloseTo((2 * 50) / 69.09, 2);
    expect(box.longitude).toBeDefined();
    const lonSpan = (box.longitude?.max ?? 0) - (box.longitude?.min ?? 0);
    expect(lonSpan).toBeLessThan((2 * 50) / (69.09 * Math.cos(centre.latitude * RAD)) + 0.01);
    // A point just outside the circle due north is outside the box.
    expect(inside(box, destination(centre, 0, 50.1))).toBe(false);
  });

  it('a zero radius is (almost) the point itself', () => {
    const box = radiusBoundingBox(centres[0][1], 0);
    expect(box.maxLatitude - box.minLatitude).toBeLessThan(1e-5);
    expect(inside(box, centres[0][1])).toBe(true);
  });

  it('drops the longitude bounds across the antimeridian (Adak, 500 mi) and around a pole', () => {
    const adak = { latitude: 51.88145, longitude: -176.62962 };
    const box = radiusBoundingBox(adak, 500);
    expect(box.longitude).toBeUndefined();
    expect(inside(box, destination(adak, 270, 499))).toBe(true);
    const nearPole = radiusBoundingBox({ latitude: 89, longitude: 0 }, 100);
    expect(nearPole.longitude).toBeUndefined();
    expect(nearPole.maxLatitude).toBe(90);
  });
});
