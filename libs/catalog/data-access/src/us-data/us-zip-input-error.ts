/**
 * A zip, state, county, FIPS or radius argument that is not valid. Thrown before any SQL runs, so
 * callers (the validation API, criteria) can answer 400 with `message` and never see a SQL error.
 */
export class UsZipInputError extends Error {
  override readonly name = 'UsZipInputError';

  constructor(
    readonly field: 'zip' | 'state' | 'county' | 'fips' | 'radius',
    message: string,
  ) {
    super(message);
  }
}
