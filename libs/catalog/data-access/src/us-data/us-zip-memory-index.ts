import { haversineMiles } from './haversine';
import type { UsCityState, UsZipCode } from './us-zip-code';
import { parseUsZip } from './us-zip-inputs';

/**
 * Every US zip held in memory for synchronous hot-path lookups (AppendCityStateFromPostalCode,
 * Distance_Compare, whose criteria hook is synchronous). The whole table is ~34,000 rows and
 * about 7 MB of heap, so one load beats an LRU: no misses, no I/O per lead. Repeated strings
 * (city, county, time zone) are shared to keep it that small.
 */
export class UsZipMemoryIndex {
  private constructor(private readonly zips: ReadonlyMap<string, UsZipCode>) {}

  static fromRows(rows: Iterable<UsZipCode>): UsZipMemoryIndex {
    const pool = new Map<string, string>();
    const shared = (s: string): string => {
      const found = pool.get(s);
      if (found !== undefined) return found;
      pool.set(s, s);
      return s;
    };
    const zips = new Map<string, UsZipCode>();
    for (const r of rows) {
      zips.set(r.zip, {
        zip: r.zip,
        city: shared(r.city),
        state: shared(r.state),
        county: shared(r.county),
        countyFips: shared(r.countyFips),
        timeZone: shared(r.timeZone),
        latitude: r.latitude,
        longitude: r.longitude,
      });
    }
    return new UsZipMemoryIndex(zips);
  }

  get size(): number {
    return this.zips.size;
  }

  /** The zip's row (ZIP+4 accepted), or undefined when unknown. Throws UsZipInputError for a non-zip. */
  get(zip: string): UsZipCode | undefined {
    return this.zips.get(parseUsZip(zip));
  }

  cityStateFor(zip: string): UsCityState | undefined {
    const row = this.get(zip);
    return row && { city: row.city, state: row.state };
  }

  /** Miles between two zips' centroids, or undefined when either is unknown. */
  distanceMiles(zipA: string, zipB: string): number | undefined {
    const a = this.get(zipA);
    const b = this.get(zipB);
    return a && b ? haversineMiles(a, b) : undefined;
  }
}
