import type { DataSource } from 'typeorm';
import { EARTH_RADIUS_MILES, haversineMiles } from './haversine';
import { radiusBoundingBox } from './radius-bounding-box';
import type { UsCityState, UsState, UsZipCode, UsZipWithDistance } from './us-zip-code';
import { countyNameCandidates, parseCountyFips, parseRadiusMiles, parseStateCode, parseUsZip } from './us-zip-inputs';
import { UsZipMemoryIndex } from './us-zip-memory-index';

const COLUMNS = `zip, city, state, county, county_fips AS "countyFips", time_zone AS "timeZone", latitude, longitude`;

/**
 * Read access to the US zip reference data (`us_zip_codes`, `us_states`, filled by
 * `loadUsZipData`). Every argument is validated first and throws UsZipInputError when malformed;
 * SQL only ever sees bound parameters. Lists come sorted by zip, radius results by distance.
 */
export class UsZipDirectory {
  private memory?: Promise<UsZipMemoryIndex>;

  constructor(private readonly db: DataSource) {}

  async states(): Promise<UsState[]> {
    return this.db.query(`SELECT code, name, fips FROM us_states ORDER BY code`);
  }

  /** The zip (ZIP+4 accepted), or undefined when the dataset does not have it. */
  async byZip(zip: string): Promise<UsZipCode | undefined> {
    const rows: UsZipCode[] = await this.db.query(`SELECT ${COLUMNS} FROM us_zip_codes WHERE zip = $1`, [parseUsZip(zip)]);
    return rows[0];
  }

  async byState(state: string): Promise<UsZipCode[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM us_zip_codes WHERE state = $1 ORDER BY zip`, [parseStateCode(state)]);
  }

  /** County in any case, with or without " County" / " Parish" / " Borough". */
  async byStateAndCounty(state: string, county: string): Promise<UsZipCode[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM us_zip_codes WHERE state = $1 AND lower(county) = ANY($2::text[]) ORDER BY zip`, [
      parseStateCode(state),
      countyNameCandidates(county),
    ]);
  }

  /** Zips whose primary county has this five-digit FIPS code. */
  async byCountyFips(fips: string): Promise<UsZipCode[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM us_zip_codes WHERE county_fips = $1 ORDER BY zip`, [parseCountyFips(fips)]);
  }

  /**
   * Zips whose centroid is within `miles` (0 to MAX_RADIUS_MILES) of `zip`'s, the centre zip
   * included, nearest first; only the centre's state when `inState`. Empty when `zip` is unknown.
   */
  async withinRadius(zip: string, miles: number, inState = false): Promise<UsZipWithDistance[]> {
    const radius = parseRadiusMiles(miles);
    if (typeof inState !== 'boolean') throw new TypeError('inState must be a boolean');
    const center = await this.byZip(zip);
    if (!center) return [];
    const box = radiusBoundingBox(center, radius);
    // The (latitude, longitude) index narrows to the box; haversine (same radius as
    // haversineMiles) then keeps the circle.
    const params: unknown[] = [center.latitude, center.longitude, EARTH_RADIUS_MILES, radius, box.minLatitude, box.maxLatitude];
    let where = `z.latitude BETWEEN $5 AND $6`;
    if (box.longitude) {
      params.push(box.longitude.min, box.longitude.max);
      where += ` AND z.longitude BETWEEN $${params.length - 1} AND $${params.length}`;
    }
    if (inState) {
      params.push(center.state);
      where += ` AND z.state = $${params.length}`;
    }
    return this.db.query(
      `SELECT * FROM (
         SELECT z.zip, z.city, z.state, z.county, z.county_fips AS "countyFips", z.time_zone AS "timeZone",
                z.latitude, z.longitude,
                2 * $3::float8 * asin(least(1, sqrt(
                  power(sin(radians(z.latitude - $1::float8) / 2), 2)
                  + cos(radians($1::float8)) * cos(radians(z.latitude)) * power(sin(radians(z.longitude - $2::float8) / 2), 2)
                ))) AS "distanceMiles"
         FROM us_zip_codes z
         WHERE ${where}
       ) d
       WHERE "distanceMiles" <= $4::float8
       ORDER BY "distanceMiles", zip`,
      params,
    );
  }

  /** Miles between the two zips' centroids, or undefined when either is unknown. */
  async distanceMiles(zipA: string, zipB: string): Promise<number | undefined> {
    const a = parseUsZip(zipA);
    const b = parseUsZip(zipB);
    const rows: Array<{ zip: string; latitude: number; longitude: number }> = await this.db.query(
      `SELECT zip, latitude, longitude FROM us_zip_codes WHERE zip = ANY($1::text[])`,
      [[a, b]],
    );
    const pa = rows.find((r) => r.zip === a);
    const pb = rows.find((r) => r.zip === b);
    return pa && pb ? haversineMiles(pa, pb) : undefined;
  }

  /** Hot path: city and state from the in-memory index (loaded on first use). */
  async cityStateFor(zip: string): Promise<UsCityState | undefined> {
    const zip5 = parseUsZip(zip);
    return (await this.inMemory()).cityStateFor(zip5);
  }

  /**
   * The whole table in memory, loaded once per directory and shared by concurrent callers. Call
   * it at boot to warm up, or to hand synchronous lookups to code that cannot await (criteria).
   * The zip data changes only when the loader runs, which a restart picks up. An empty table is
   * an error (the loader has not run), and a failed load is retried on the next call.
   */
  inMemory(): Promise<UsZipMemoryIndex> {
    this.memory ??= this.loadMemory().catch((err: unknown) => {
      this.memory = undefined;
      throw err;
    });
    return this.memory;
  }

  private async loadMemory(): Promise<UsZipMemoryIndex> {
    const rows: UsZipCode[] = await this.db.query(`SELECT ${COLUMNS} FROM us_zip_codes`);
    if (rows.length === 0) {
      throw new Error('us_zip_codes is empty: load it with "bash scripts/run-ts.sh scripts/load-zip-data.ts"');
    }
    return UsZipMemoryIndex.fromRows(rows);
  }
}
