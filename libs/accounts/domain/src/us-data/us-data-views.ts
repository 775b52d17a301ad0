/** Seed 003 "Get States": one US state (or DC / territory). */
export interface SeedUsState {
  StateUID: number;
  Name: string;
  Abbr: string;
}

/** Seed 003 "Get US Zip Codes by ...": one zip. */
export interface SeedUsZip {
  USZipUID: number;
  ZIP: string;
  City: string;
  State: string;
  FIPS: string;
  County: string;
  TimeZone: string;
  Lat: number;
  Long: number;
}

/** What the zip reference data holds for a state (structurally the catalog's UsState). */
export interface UsStateRecord {
  code: string;
  name: string;
  fips: string;
}

/** What the zip reference data holds for a zip (structurally the catalog's UsZipCode). */
export interface UsZipRecord {
  zip: string;
  city: string;
  state: string;
  county: string;
  countyFips: string;
  timeZone: string;
  latitude: number;
  longitude: number;
}

/** The table has no surrogate key: the state's two-digit FIPS code is stable and unique ("36" → 36). */
export function toSeedUsState(s: UsStateRecord): SeedUsState {
  return { StateUID: Number(s.fips), Name: s.name, Abbr: s.code };
}

/** USZipUID is the zip as a number ("02134" → 2134): unique and stable, ZIP keeps the leading zero. */
export function toSeedUsZip(z: UsZipRecord): SeedUsZip {
  return {
    USZipUID: Number(z.zip),
    ZIP: z.zip,
    City: z.city,
    State: z.state,
    FIPS: z.countyFips,
    County: z.county,
    TimeZone: z.timeZone,
    Lat: z.latitude,
    Long: z.longitude,
  };
}

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/**
 * The radius search's `InState` query flag. The seed marks it required but types it "double", so
 * true/false, 1/0 and yes/no are accepted in any case; absent means false (every zip in the
 * circle). Undefined for anything else, which the API refuses.
 */
export function parseInStateFlag(raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null || raw === '') return false;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return undefined;
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** A radius URL segment as a number ("2.5" → 2.5); NaN for anything that is not a plain decimal. */
export function parseRadiusSegment(raw: string): number {
  const text = raw.trim();
  return /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
}

/** The seed's names for the zip directory's argument names, so a 400 names the URL segment. */
export const US_DATA_FIELD_NAMES = {
  zip: 'ZipCode',
  state: 'State',
  county: 'County',
  fips: 'FIPS',
  radius: 'Radius',
} as const;
