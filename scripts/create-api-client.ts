/**
 * Bootstraps an Account API client (OAuth2 client_credentials) and prints its client_id and
 * client_secret once: `npm run accounts:create-client -- --name ops`. The first client can only be
 * made this way (every Account API endpoint needs a token); later ones also through
 * POST /v1/authorization/clients. Only the secret's hash is stored.
 */
import { DataSource } from 'typeorm';
import { ApiClientStore } from '@leadx/accounts-data-access';
import { dataSourceOptions } from '@leadx/platform-database';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--name');
  const name = (at >= 0 ? args[at + 1] : undefined) ?? 'bootstrap';
  const ds = new DataSource(dataSourceOptions({ url: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx', poolSize: 1 }));
  await ds.initialize();
  try {
    const credentials = await new ApiClientStore(ds).create(name);
    process.stdout.write(JSON.stringify({ name, ...credentials }) + '\n');
    process.stderr.write('Store the client_secret now: it is not shown again.\n');
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`could not create the API client: ${String(err)}\n`);
  process.exit(1);
});
