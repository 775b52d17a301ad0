import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * US reference data (owner: the zip loader, `scripts/load-zip-data.ts`; readers: everyone).
 * The states are static and seeded here so `/v1/data/validation/states` and the zip table's
 * foreign key work right after migrating; the zips come from the loader (an npm data package).
 * Names match the zip dataset's so the loader's state upsert changes nothing.
 */
const STATES: ReadonlyArray<readonly [code: string, name: string, fips: string]> = [
  ['AL', 'Alabama', '01'], ['AK', 'Alaska', '02'], ['AZ', 'Arizona', '04'], ['AR', 'Arkansas', '05'],
  ['CA', 'California', '06'], ['CO', 'Colorado', '08'], ['CT', 'Connecticut', '09'], ['DE', 'Delaware', '10'],
  ['DC', 'District of Columbia', '11'], ['FL', 'Florida', '12'], ['GA', 'Georgia', '13'], ['HI', 'Hawaii', '15'],
  ['ID', 'Idaho', '16'], ['IL', 'Illinois', '17'], ['IN', 'Indiana', '18'], ['IA', 'Iowa', '19'],
  ['KS', 'Kansas', '20'], ['KY', 'Kentucky', '21'], ['LA', 'Louisiana', '22'], ['ME', 'Maine', '23'],
  ['MD', 'Maryland', '24'], ['MA', 'Massachusetts', '25'], ['MI', 'Michigan', '26'], ['MN', 'Minnesota', '27'],
  ['MS', 'Mississippi', '28'], ['MO', 'Missouri', '29'], ['MT', 'Montana', '30'], ['NE', 'Nebraska', '31'],
  ['NV', 'Nevada', '32'], ['NH', 'New Hampshire', '33'], ['NJ', 'New Jersey', '34'], ['NM', 'New Mexico', '35'],
  ['NY', 'New York', '36'], ['NC', 'North Carolina', '37'], ['ND', 'North Dakota', '38'], ['OH', 'Ohio', '39'],
  ['OK', 'Oklahoma', '40'], ['OR', 'Oregon', '41'], ['PA', 'Pennsylvania', '42'], ['RI', 'Rhode Island', '44'],
  ['SC', 'South Carolina', '45'], ['SD', 'South Dakota', '46'], ['TN', 'Tennessee', '47'], ['TX', 'Texas', '48'],
  ['UT', 'Utah', '49'], ['VT', 'Vermont', '50'], ['VA', 'Virginia', '51'], ['WA', 'Washington', '53'],
  ['WV', 'West Virginia', '54'], ['WI', 'Wisconsin', '55'], ['WY', 'Wyoming', '56'],
  ['AS', 'American Samoa', '60'], ['GU', 'Guam', '66'], ['MP', 'Northern Mariana Islands', '69'],
  ['PR', 'Puerto Rico', '72'], ['VI', 'Virgin Islands', '78'],
];

export class CreateUsZipCodes1763900100000 implements MigrationInterface {
  name = 'CreateUsZipCodes1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE us_states (
        code  char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        name  text NOT NULL,
        fips  char(2) NOT NULL UNIQUE CHECK (fips ~ '^[0-9]{2}$')
      )`);
    await q.query(
      `INSERT INTO us_states (code, name, fips) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [STATES.map((s) => s[0]), STATES.map((s) => s[1]), STATES.map((s) => s[2])],
    );
    await q.query(`
      CREATE TABLE us_zip_codes (
        zip          char(5) PRIMARY KEY CHECK (zip ~ '^[0-9]{5}$'),
        city         text NOT NULL,
        state        char(2) NOT NULL REFERENCES us_states(code),
        county       text NOT NULL,
        county_fips  char(5) NOT NULL CHECK (county_fips ~ '^[0-9]{5}$'),
        time_zone    text NOT NULL,
        latitude     double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude    double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180)
      )`);
    await q.query(`CREATE INDEX us_zip_codes_state_idx ON us_zip_codes (state)`);
    // County lookups are case-insensitive, so the index is on the lowered name.
    await q.query(`CREATE INDEX us_zip_codes_state_county_idx ON us_zip_codes (state, lower(county))`);
    await q.query(`CREATE INDEX us_zip_codes_county_fips_idx ON us_zip_codes (county_fips)`);
    // Radius search: a latitude band (plus longitude) prefilter on this index, then haversine.
    await q.query(`CREATE INDEX us_zip_codes_lat_lon_idx ON us_zip_codes (latitude, longitude)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS us_zip_codes`);
    await q.query(`DROP TABLE IF EXISTS us_states`);
  }
}
