/** Applies every pending migration (idempotent). `npm run migrate`. */
import { ensureDatabase, runMigrations } from '@leadx/platform-database';

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx';
  if (process.env['CREATE_DATABASE'] !== 'false') await ensureDatabase(url);
  const ran = await runMigrations(url);
  process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'schema up to date\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${String(err)}\n`);
  process.exit(1);
});
