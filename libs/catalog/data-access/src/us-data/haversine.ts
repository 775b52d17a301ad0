import type { GeoPoint } from './us-zip-code';

/** Mean earth radius (IUGG), in statute miles. Postgres' radius query uses the same value. */
export const EARTH_RADIUS_MILES = 3958.7613;

const RADIANS = Math.PI / 180;

/**
 * Great-circle distance in miles between two points (haversine formula). Accurate to about 0.5%
 * against the ellipsoid, which is far finer than a zip code's centroid is to any real address.
 */
export function haversineMiles(a: GeoPoint, b: GeoPoint): number {
  for (const p of [a, b]) {
    if (!Number.isFinite(p.latitude) || !Number.isFinite(p.longitude) || Math.abs(p.latitude) > 90 || Math.abs(p.longitude) > 180) {
      throw new RangeError(`not a coordinate: latitude ${p.latitude}, longitude ${p.longitude}`);
    }
  }
  const dLat = (b.latitude - a.latitude) * RADIANS;
  const dLon = (b.longitude - a.longitude) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RADIANS) * Math.cos(b.latitude * RADIANS) * Math.sin(dLon / 2) ** 2;
  // min(1, ...) keeps rounding from pushing asin out of its domain for antipodal points.
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}
