import { UsZipInputError } from './us-zip-input-error';

/** Largest radius a search accepts: 500 miles already returns up to ~15,000 zips around NYC. */
export const MAX_RADIUS_MILES = 500;
/** Longest county name accepted (the longest real one is under 40 characters). */
const MAX_COUNTY_LENGTH = 100;

/** Echo of a bad argument in an error message: flattened, clipped, never the whole payload. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
}

/** `10001`, ` 10001 ` or ZIP+4 (`10001-1234`, `100011234`) reduced to five digits; otherwise undefined. */
export function normalizeUsZip(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const m = /^(\d{5})(?:-?\d{4})?$/.exec(input.trim());
  return m ? m[1] : undefined;
}

/** As {@link normalizeUsZip}, but a value that is not a zip is an error. */
export function parseUsZip(input: unknown): string {
  const zip = normalizeUsZip(input);
  if (zip === undefined) throw new UsZipInputError('zip', `zip code must be 5 digits (or ZIP+4), got ${shown(input)}`);
  return zip;
}

/** A two-letter state code in any case, returned upper-cased. */
export function parseStateCode(input: unknown): string {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (!/^[A-Z]{2}$/.test(code)) throw new UsZipInputError('state', `state must be a two-letter code like NY, got ${shown(input)}`);
  return code;
}

/** A five-digit county FIPS code (state + county, e.g. 36061). */
export function parseCountyFips(input: unknown): string {
  const fips = typeof input === 'string' ? input.trim() : '';
  if (!/^\d{5}$/.test(fips)) throw new UsZipInputError('fips', `county FIPS must be 5 digits like 36061, got ${shown(input)}`);
  return fips;
}

/**
 * The lower-cased names a county argument may match: as given, and without a trailing
 * " County" / " Parish" / " Borough" (the dataset stores bare names: "Orleans", "New York").
 */
export function countyNameCandidates(input: unknown): string[] {
  const name = typeof input === 'string' ? input.trim().replace(/\s+/g, ' ').toLowerCase() : '';
  if (name === '' || name.length > MAX_COUNTY_LENGTH) {
    throw new UsZipInputError('county', `county must be a name of 1 to ${MAX_COUNTY_LENGTH} characters, got ${shown(input)}`);
  }
  const bare = name.replace(/ (county|parish|borough)$/, '');
  return bare === name || bare === '' ? [name] : [name, bare];
}

/** A radius in miles: a finite number from 0 to {@link MAX_RADIUS_MILES}. */
export function parseRadiusMiles(input: unknown): number {
  if (typeof input !== 'number' || !Number.isFinite(input)) {
    throw new UsZipInputError('radius', `radius must be a number of miles, got ${shown(input)}`);
  }
  if (input < 0) throw new UsZipInputError('radius', `radius must not be negative, got ${input}`);
  if (input > MAX_RADIUS_MILES) throw new UsZipInputError('radius', `radius must be at most ${MAX_RADIUS_MILES} miles, got ${input}`);
  return input;
}
