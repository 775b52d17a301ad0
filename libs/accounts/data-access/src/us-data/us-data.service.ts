import { SeedUsState, SeedUsZip, toSeedUsState, toSeedUsZip } from '@leadx/accounts-domain';
import { parseRadiusMiles, parseStateCode, UsZipDirectory, UsZipInputError } from '@leadx/catalog-data-access';

/** A zip list, or what the request named that does not exist (the API answers 404 naming it). */
export type UsZipListResult = { zips: SeedUsZip[] } | { missing: { what: string; id: string } };

/**
 * The seed's `/v1/data/validation/...` lookups over the zip reference data (UsZipDirectory).
 * Malformed arguments throw UsZipInputError (the API answers 400 naming the segment); a state,
 * county, FIPS code or centre zip that does not exist is reported as missing (404).
 */
export class UsDataService {
  constructor(private readonly zips: UsZipDirectory) {}

  async states(): Promise<SeedUsState[]> {
    return (await this.zips.states()).map(toSeedUsState);
  }

  async byState(state: string): Promise<UsZipListResult> {
    const code = await this.stateCode(state);
    if (!code) return { missing: { what: 'state', id: state } };
    return { zips: (await this.zips.byState(code)).map(toSeedUsZip) };
  }

  async byStateAndCounty(state: string, county: string): Promise<UsZipListResult> {
    const code = await this.stateCode(state);
    if (!code) return { missing: { what: 'state', id: state } };
    const zips = await this.zips.byStateAndCounty(code, county);
    return zips.length ? { zips: zips.map(toSeedUsZip) } : { missing: { what: `county in ${code}`, id: county } };
  }

  async byCountyFips(fips: string): Promise<UsZipListResult> {
    const zips = await this.zips.byCountyFips(fips);
    return zips.length ? { zips: zips.map(toSeedUsZip) } : { missing: { what: 'county FIPS', id: fips } };
  }

  /** Nearest first, the centre included; only the centre's state when `inState`. */
  async withinRadius(zip: string, miles: number, inState: boolean): Promise<UsZipListResult> {
    parseRadiusMiles(miles); // a bad radius is a 400 even when the zip is unknown
    const center = await this.zips.byZip(zip);
    if (!center) return { missing: { what: 'zip code', id: zip } };
    return { zips: (await this.zips.withinRadius(center.zip, miles, inState)).map(toSeedUsZip) };
  }

  /**
   * The state's code: a two-letter code (any case), or a state name ("new york") since callers
   * often have names. Undefined for a well-formed code or name the data does not have.
   */
  private async stateCode(input: string): Promise<string | undefined> {
    const states = await this.zips.states();
    const text = input.trim();
    if (/^[a-z]{2}$/i.test(text)) {
      const code = parseStateCode(text);
      return states.some((s) => s.code === code) ? code : undefined;
    }
    const name = text.replace(/\s+/g, ' ').toLowerCase();
    if (!/^[a-z .'-]{3,40}$/.test(name)) throw new UsZipInputError('state', `state must be a two-letter code like NY or a state name`);
    return states.find((s) => s.name.toLowerCase() === name)?.code;
  }
}
