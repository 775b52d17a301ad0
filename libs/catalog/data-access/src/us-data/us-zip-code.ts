/** One US zip code as stored in `us_zip_codes` (the seed's ZIP, City, State, FIPS, County, TimeZone, Lat, Long). */
export interface UsZipCode {
  /** Five digits, leading zeros kept ("02134"). */
  zip: string;
  city: string;
  /** USPS two-letter code ("NY"). */
  state: string;
  /** The zip's primary county, without a " County" suffix ("New York"). */
  county: string;
  /** Five-digit county FIPS code of `county` ("36061"). */
  countyFips: string;
  /** IANA time zone ("America/New_York"). */
  timeZone: string;
  latitude: number;
  longitude: number;
}

/** A zip found by a radius search, with its great-circle distance from the centre zip. */
export interface UsZipWithDistance extends UsZipCode {
  distanceMiles: number;
}

/** One row of `us_states` (50 states, DC and the five inhabited territories). */
export interface UsState {
  /** USPS two-letter code ("NY"). */
  code: string;
  name: string;
  /** Two-digit state FIPS code ("36"). */
  fips: string;
}

/** What AppendCityStateFromPostalCode needs. */
export interface UsCityState {
  city: string;
  state: string;
}

/** A point on the earth in decimal degrees. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}
