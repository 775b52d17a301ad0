import { EARTH_RADIUS_MILES } from './haversine';
import type { GeoPoint } from './us-zip-code';

/** A latitude/longitude box; no longitude bounds means every longitude. */
export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  longitude?: { min: number; max: number };
}

const DEGREES = 180 / Math.PI;
/** Pads the box by ~0.1 m so a zip exactly on the circle survives floating-point rounding. */
const MARGIN_DEGREES = 1e-6;

/**
 * The smallest latitude/longitude box around every point within `miles` of `center` (on the same
 * sphere as {@link haversineMiles}). It is the index prefilter of a radius search; the exact
 * distance check follows. When the circle reaches a pole or crosses the antimeridian (the
 * Aleutians), longitude is left unbounded rather than split in two: still correct, a bit slower.
 */
export function radiusBoundingBox(center: GeoPoint, miles: number): BoundingBox {
  const angle = miles / EARTH_RADIUS_MILES; // radians
  const lat = center.latitude / DEGREES;
  const minLatitude = Math.max(-90, center.latitude - angle * DEGREES - MARGIN_DEGREES);
  const maxLatitude = Math.min(90, center.latitude + angle * DEGREES + MARGIN_DEGREES);
  if (Math.abs(lat) + angle >= Math.PI / 2) return { minLatitude, maxLatitude };
  // Widest longitude reach of a spherical cap: asin(sin(angle) / cos(latitude)).
  const dLon = Math.asin(Math.min(1, Math.sin(angle) / Math.cos(lat))) * DEGREES + MARGIN_DEGREES;
  const min = center.longitude - dLon;
  const max = center.longitude + dLon;
  if (min < -180 || max > 180) return { minLatitude, maxLatitude };
  return { minLatitude, maxLatitude, longitude: { min, max } };
}
