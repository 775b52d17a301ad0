import { Socket } from 'node:net';
import { Client } from 'pg';
import { runMigrations } from '@leadx/platform-database';
import { testEnv } from './test-env';

function reachable(hostPort: string, timeoutMs = 2000): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => { s.destroy(); resolve(ok); };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('error', () => done(false));
    s.connect(Number(port), host, () => done(true));
  });
}

/**
 * Runs once before the integration and e2e tiers: checks that the real Kafka, Postgres and Redis
 * are up (scripts/test.sh starts them) and gives the run a fresh database with the real
 * migrations applied. Suites isolate themselves with unique topics, group ids and data.
 */
export default async function globalSetup(): Promise<void> {
  const redis = new URL(testEnv.redisUrl);
  for (const [what, hostPort] of [
    ['Kafka', testEnv.kafkaBrokers[0]],
    ['Redis', `${redis.hostname}:${redis.port || 6379}`],
  ] as const) {
    if (!(await reachable(hostPort))) {
      throw new Error(`${what} is not reachable at ${hostPort}: run "npm run infra:up" (or "npm test", which starts it)`);
    }
  }
  if (process.env['LEADX_TEST_DB_READY'] === testEnv.databaseUrl) return;
  const url = new URL(testEnv.databaseUrl);
  const name = url.pathname.slice(1);
  const admin = new URL(testEnv.databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  await runMigrations(testEnv.databaseUrl);
  // Both tiers run in one Jest process: the second globalSetup must not drop the first's data.
  process.env['LEADX_TEST_DB_READY'] = testEnv.databaseUrl;
}
