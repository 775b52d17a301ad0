import { ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { ensureDatabase, runMigrations } from '@leadx/platform-database';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import { ServiceProcess, startServiceProcess } from '@leadx/platform-testing';
import { CountingBuyer } from './counting-buyer';

/** Run from source (scripts/bench) or from a build (dist/scripts/bench): the repo root either way. */
const up = resolve(__dirname, '../..');
export const repoRoot = basename(up) === 'dist' ? resolve(up, '..') : up;

/** Where each service's output (its warn-level JSON logs) is written when it stops. */
export const LOG_DIR = resolve(repoRoot, '.local/bench');

/** The services "the whole stack" needs for one posted lead to reach a buyer. */
const PIPELINE = ['compliance', 'scanner', 'delivery-worker'];

export interface BenchSettings {
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  receiverOnly: boolean;
  /** The receiver's DATABASE_POOL_SIZE; undefined keeps the service default. */
  receiverPoolSize?: number;
  /** Connections of the benchmark's own pool (the raw floor uses `concurrency` of them). */
  poolMax: number;
  /** Write a V8 CPU profile of the receiver into LOG_DIR when it stops (cpu-profile-preload.js). */
  profileReceiver: boolean;
}

/** How setup registers what teardown must undo (run in reverse order) and child processes to kill on exit. */
export interface Lifecycle {
  defer(what: string, undo: () => Promise<unknown>): void;
  track(child: ChildProcess): void;
  log(line: string): void;
}

export interface BenchStack {
  pool: Pool;
  /** The campaign the benchmark posts to. */
  catalog: DemoCatalog;
  /** A second campaign for the raw-insert floor, so its rows never mix with the posted ones. */
  rawCatalog: DemoCatalog;
  buyer: CountingBuyer;
  receiver: ServiceProcess;
  services: ServiceProcess[];
}

function run(what: string, command: string, args: string[], timeoutMs: number): void {
  // Setup chatter goes to stderr; stdout carries only the figures.
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 2, 2], timeout: timeoutMs });
  if (r.error) throw new Error(`${what} failed: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

/** The benchmark drops and recreates its database: only ever one that is obviously the benchmark's. */
export function assertBenchDatabase(url: string): string {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    throw new Error(`"${url}" is not a database URL`);
  }
  if (!/^leadx_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to use database "${name}": it is dropped each run, so its name must start with leadx_bench`);
  return name;
}

/** Drops and recreates the benchmark's own database, so every run starts from the same empty tables. */
async function recreateDatabase(url: string): Promise<void> {
  const name = assertBenchDatabase(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await ensureDatabase(url);
  await runMigrations(url);
}

/** A start can fail while another engineer rewrites dist/: try again a few times. */
async function startWithRetry(app: string, env: Record<string, string>, life: Lifecycle): Promise<ServiceProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      const service = await startServiceProcess(app, env, 90_000);
      life.track(service.process);
      life.defer(`stop ${app}`, () => stopService(service));
      return service;
    } catch (err) {
      if (attempt >= 3) throw err;
      life.log(`[bench] ${app} did not start (attempt ${attempt}): ${String(err).split('\n')[0]}; retrying`);
      await new Promise((r) => setTimeout(r, 3_000));
    }
  }
}

async function stopService(service: ServiceProcess): Promise<void> {
  const kill = setTimeout(() => service.process.kill('SIGKILL'), 20_000);
  try {
    await service.stop('SIGTERM');
  } finally {
    clearTimeout(kill);
    mkdirSync(LOG_DIR, { recursive: true });
    writeFileSync(resolve(LOG_DIR, `${service.name}.log`), service.output());
  }
}

function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Everything the benchmark needs on a fresh machine after `npm ci`: infrastructure up, a build,
 * its own database and topics, a seeded catalog, a local buyer, and the services as processes.
 */
export async function startBenchStack(s: BenchSettings, life: Lifecycle): Promise<BenchStack> {
  const apps = s.receiverOnly ? ['receiver'] : ['receiver', ...PIPELINE];
  life.log('[bench] checking Postgres, Redis and Kafka (scripts/ensure-services.sh)');
  run('scripts/ensure-services.sh', 'bash', ['scripts/ensure-services.sh'], 300_000);
  if (apps.some((app) => !existsSync(resolve(repoRoot, 'dist/apps', app, 'src/main.js')))) {
    life.log('[bench] dist/ is missing: building (npx tsc -p tsconfig.build.json)');
    run('build', 'npx', ['tsc', '-p', 'tsconfig.build.json'], 900_000);
  }

  life.log(`[bench] recreating database ${new URL(s.databaseUrl).pathname.slice(1)} and migrating`);
  await withTimeout('database setup', 120_000, recreateDatabase(s.databaseUrl));
  const kafka = createKafka({ brokers: s.kafkaBrokers, clientId: 'leadx-bench' });
  const topics = allPlatformTopics(s.topicPrefix);
  life.log(`[bench] creating ${topics.length} topics with prefix ${s.topicPrefix}`);
  await ensureTopics(kafka, topics, { partitions: 3, timeoutMs: 60_000 });
  life.defer('delete topics', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await withTimeout('topic deletion', 20_000, admin.deleteTopics({ topics, timeout: 15_000 }));
    } finally {
      await admin.disconnect();
    }
  });

  const buyer = await CountingBuyer.start();
  life.defer('close buyer', () => buyer.close());
  const pool = new Pool({ connectionString: s.databaseUrl, max: s.poolMax, connectionTimeoutMillis: 10_000, statement_timeout: 60_000 });
  life.defer('close pool', () => pool.end());
  const catalog = await seedDemoCatalog(pool, { buyerUrl: buyer.url, name: 'Bench' });
  const rawCatalog = await seedDemoCatalog(pool, { buyerUrl: 'http://127.0.0.1:9', name: 'Bench raw floor' });

  const env: Record<string, string> = {
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    KAFKA_BROKERS: s.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: s.topicPrefix,
    // The bench buyer listens on loopback, which the delivery worker refuses by default.
    DELIVERY_URL_ALLOW_PRIVATE: 'true',
  };
  life.log(`[bench] starting ${apps.join(', ')} from dist/`);
  const receiverEnv: Record<string, string> = { ...env };
  if (s.receiverPoolSize) receiverEnv['DATABASE_POOL_SIZE'] = String(s.receiverPoolSize);
  if (s.profileReceiver) {
    mkdirSync(LOG_DIR, { recursive: true });
    receiverEnv['NODE_OPTIONS'] = `--require ${resolve(repoRoot, 'scripts/bench/cpu-profile-preload.js')}`;
    receiverEnv['BENCH_CPU_PROFILE'] = resolve(LOG_DIR, 'receiver.cpuprofile');
  }
  const receiver = await startWithRetry('receiver', receiverEnv, life);
  const pipeline = await Promise.all(PIPELINE.filter((app) => apps.includes(app)).map((app) => startWithRetry(app, env, life)));
  return { pool, catalog, rawCatalog, buyer, receiver, services: [receiver, ...pipeline] };
}
