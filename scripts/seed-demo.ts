/**
 * Seeds the demo setup (idempotent: reuses the demo source, issues a fresh api-key each run since
 * only key hashes are stored) and prints the api-key and ids as JSON for scripts/demo.sh.
 */
import { Client } from 'pg';
import { generateApiKey, seedDemoCatalog } from '@leadx/catalog-data-access';

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx' });
  const buyerUrl = process.env['DEMO_BUYER_URL'] ?? 'http://127.0.0.1:4000';
  await db.connect();
  try {
    const existing = await db.query(
      `SELECT s.id AS source, c.id AS campaign, c.lead_type_id AS lead_type FROM lead_sources s
         JOIN campaigns c ON c.lead_source_id = s.id WHERE s.name = 'Demo source' ORDER BY c.id LIMIT 1`,
    );
    if (existing.rows[0]) {
      const { source, campaign, lead_type } = existing.rows[0] as { source: number; campaign: number; lead_type: number };
      const key = generateApiKey();
      await db.query(`INSERT INTO lead_source_api_keys (lead_source_id, prefix, key_hash, label) VALUES ($1, $2, $3, 'demo')`, [source, key.prefix, key.hash]);
      process.stdout.write(JSON.stringify({ leadSourceId: source, leadTypeId: lead_type, campaignId: campaign, apiKey: key.key }) + '\n');
    } else {
      const c = await seedDemoCatalog(db, { buyerUrl, name: 'Demo' });
      process.stdout.write(JSON.stringify(c) + '\n');
    }
  } finally {
    await db.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo seed failed: ${String(err)}\n`);
  process.exit(1);
});
