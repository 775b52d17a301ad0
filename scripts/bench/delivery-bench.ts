/**
 * Delivery speed benchmark (issue 5, "Speed"). Prints figures; asserts no timings.
 *
 * 1. worker: deliveries/s of the BUILT delivery-worker process (real Kafka events
 *    `distribution.delivery.requested.v1`, DeliverLeadService claiming, sending with fetch and
 *    recording) to a local HTTP buyer, next to a plain fetch POST loop from this process to the
 *    same buyer with the same client and the same concurrency (the worker's DELIVERY_CONCURRENCY).
 *    Goal: worker ≥ 0.7 × plain.
 * 2. end to end: receiver, compliance, scanner and delivery-worker running; leads posted at a
 *    moderate constant rate; latency from the receiver's answer to the buyer's receipt, p50/p99.
 *    Goal: p50 < 50 ms.
 *
 *   bash scripts/run-ts.sh scripts/bench/delivery-bench.ts [--deliveries 2000] [--concurrency 4]
 *        [--rate 10] [--leads 300] [--buyer-delay-ms 0] [--profile]
 */
import { ChildProcess, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Client, Pool } from 'pg';
import { DeliveryRequestedV1 } from '@leadx/contracts';
import { DemoCatalog, demoLeadRequest, seedDemoCatalog } from '@leadx/catalog-data-access';
import { ensureDatabase, runMigrations } from '@leadx/platform-database';
import { allPlatformTopics, buildEnvelope, createKafka, ensureTopics, EventPublisher } from '@leadx/platform-messaging';
import { ServiceProcess, startServiceProcess } from '@leadx/platform-testing';
import { assertBenchDatabase, LOG_DIR, repoRoot } from './bench-stack';
import { LatencyRecorder } from './latency-recorder';

const USAGE = `usage: bash scripts/run-ts.sh scripts/bench/delivery-bench.ts [options]
  --deliveries <n>      deliveries in the worker and the plain-loop phases (default 2000)
  --concurrency <n>     the worker's DELIVERY_CONCURRENCY and the plain loop's concurrency (default 4)
  --rate <n>            leads/s posted to the receiver in the end-to-end phase (default 10)
  --leads <n>           leads posted in the end-to-end phase (default 300)
  --buyer-delay-ms <n>  the buyer answers after this delay (default 0: as fast as it can)
  --profile             write a V8 CPU profile of the delivery-worker to .local/bench/delivery-worker.cpuprofile
  --database-url <url>  default BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/leadx_bench_delivery (dropped each run)`;

/** A buyer that records when each lead (body `leadId`) arrived and how often. */
class TimingBuyer {
  url = '';
  posts = 0;
  readonly firstSeen = new Map<number, number>();
  duplicates = 0;
  private server!: Server;

  static async start(delayMs: number): Promise<TimingBuyer> {
    const buyer = new TimingBuyer();
    buyer.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.timeOrigin + performance.now();
        buyer.posts++;
        try {
          const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { leadId?: number }).leadId;
          if (typeof id === 'number' && id > 0) {
            if (buyer.firstSeen.has(id)) buyer.duplicates++;
            else buyer.firstSeen.set(id, at);
          }
        } catch {
          // the plain loop posts the same JSON; anything else is just counted
        }
        const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"success"}');
        if (delayMs > 0) setTimeout(answer, delayMs);
        else answer();
      });
    });
    buyer.server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => buyer.server.listen(0, '127.0.0.1', () => r()));
    buyer.url = `http://127.0.0.1:${(buyer.server.address() as { port: number }).port}`;
    return buyer;
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

async function waitFor(what: string, timeoutMs: number, probe: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const name = assertBenchDatabase(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await ensureDatabase(url);
  await runMigrations(url);
}

/** Leads and their assignments inserted directly, as the scanner would have left them. */
async function insertRequests(pool: Pool, catalog: DemoCatalog, n: number, tag: string): Promise<DeliveryRequestedV1[]> {
  const { rows } = await pool.query<{ lead_id: number; uid: string; assignment_id: number }>(
    `WITH l AS (
       INSERT INTO leads (uid, request_id, lead_source_id, campaign_id, lead_type_id, fields)
       SELECT gen_random_uuid(), gen_random_uuid(), $1, $2, $3,
              jsonb_build_object('FirstName', 'Ada', 'LastName', 'Lovelace', 'Email', $5::text || i || '@example.com', 'State', 'TX', 'Zip', '73301')
         FROM generate_series(1, $4) i RETURNING id, uid)
     , a AS (INSERT INTO delivery_assignments (lead_id, delivery_account_id, price) SELECT id, $6, 20 FROM l RETURNING id, lead_id)
     SELECT l.id::int AS lead_id, l.uid::text AS uid, a.id::int AS assignment_id FROM l JOIN a ON a.lead_id = l.id ORDER BY l.id`,
    [catalog.leadSourceId, catalog.campaignId, catalog.leadTypeId, n, tag, catalog.deliveryAccountId],
  );
  return rows.map((r) =>
    DeliveryRequestedV1.of({ leadId: r.lead_id, leadUid: r.uid, deliveryAccountId: catalog.deliveryAccountId, clientId: catalog.clientId, assignmentId: r.assignment_id, price: 20 }),
  );
}

/** The same client the worker uses (global fetch, as in sendHttp), `concurrency` requests in flight. */
async function plainLoop(url: string, bodies: string[], concurrency: number): Promise<number> {
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000), redirect: 'manual' });
        await res.text();
      }
    }),
  );
  return bodies.length / ((now() - t0) / 1000);
}

function cpuSeconds(pid: number | undefined): number {
  if (!pid || process.platform !== 'linux') return Number.NaN;
  const r = spawnSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' });
  const fields = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      deliveries: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '4' },
      rate: { type: 'string', default: '10' },
      leads: { type: 'string', default: '300' },
      'buyer-delay-ms': { type: 'string', default: '0' },
      'database-url': { type: 'string' },
      profile: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    out(USAGE);
    return;
  }
  const deliveries = Number(values.deliveries);
  const concurrency = Number(values.concurrency);
  const rate = Number(values.rate);
  const leads = Number(values.leads);
  const buyerDelayMs = Number(values['buyer-delay-ms']);
  if (![deliveries, concurrency, rate, leads].every((n) => Number.isInteger(n) && n > 0) || !(buyerDelayMs >= 0)) {
    log(USAGE);
    process.exitCode = 2;
    return;
  }
  const databaseUrl = values['database-url'] ?? process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx_bench_delivery';
  const redisUrl = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/15';
  const brokers = (process.env['BENCH_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  const prefix = `bench-delivery-${randomUUID().slice(0, 8)}.`;
  assertBenchDatabase(databaseUrl);

  const undo: Array<() => Promise<unknown>> = [];
  const children: ChildProcess[] = [];
  const killChildren = () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
  process.once('SIGINT', () => {
    killChildren();
    process.exit(130);
  });
  try {
    log('[bench] checking Postgres, Redis and Kafka (scripts/ensure-services.sh)');
    const ensured = spawnSync('bash', ['scripts/ensure-services.sh'], { cwd: repoRoot, stdio: ['ignore', 2, 2], timeout: 300_000 });
    if (ensured.status !== 0) throw new Error('scripts/ensure-services.sh failed');
    if (['receiver', 'compliance', 'scanner', 'delivery-worker'].some((a) => !existsSync(`${repoRoot}/dist/apps/${a}/src/main.js`))) {
      log('[bench] dist/ is missing: building (npx tsc -p tsconfig.build.json)');
      if (spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: ['ignore', 2, 2] }).status !== 0) throw new Error('build failed');
    }
    log(`[bench] recreating ${new URL(databaseUrl).pathname.slice(1)} and migrating`);
    await recreateDatabase(databaseUrl);
    // kafkajs' own warnings (leader elections while topics are created) go to stderr: stdout carries the figures.
    const kafka = createKafka({ brokers, clientId: 'leadx-delivery-bench', logger: pino({ level: 'error' }, pino.destination(2)) });
    const topics = allPlatformTopics(prefix);
    // Enough partitions for every concurrent delivery to have its own.
    await ensureTopics(kafka, topics, { partitions: Math.max(6, concurrency), timeoutMs: 60_000 });
    undo.push(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics, timeout: 15_000 }).catch(() => undefined);
      await admin.disconnect();
    });
    const buyer = await TimingBuyer.start(buyerDelayMs);
    undo.push(() => buyer.close());
    const pool = new Pool({ connectionString: databaseUrl, max: 4 });
    undo.push(() => pool.end());
    const catalog = await seedDemoCatalog(pool, { buyerUrl: buyer.url, name: 'Delivery bench' });
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: prefix,
      DELIVERY_URL_ALLOW_PRIVATE: 'true',
    };
    const start = async (app: string, extra: Record<string, string> = {}): Promise<ServiceProcess> => {
      let service: ServiceProcess | undefined;
      // A start can fail while someone rebuilds dist/: try again a few times.
      for (let attempt = 1; !service; attempt++) {
        try {
          service = await startServiceProcess(app, { ...env, ...extra }, 90_000);
        } catch (err) {
          if (attempt >= 5) throw err;
          log(`[bench] ${app} did not start (attempt ${attempt}): ${String(err).split('\n')[0]}; retrying`);
          await sleep(5_000);
        }
      }
      children.push(service.process);
      undo.push(async () => {
        await service.stop('SIGTERM');
        mkdirSync(LOG_DIR, { recursive: true });
        writeFileSync(`${LOG_DIR}/delivery-bench-${app}.log`, service.output());
      });
      return service;
    };

    // Phase 1: the delivery worker alone (nothing else competing for the CPU), then the plain loop.
    log(`[bench] starting delivery-worker (DELIVERY_CONCURRENCY ${concurrency})`);
    const worker = await start('delivery-worker', {
      DELIVERY_CONCURRENCY: String(concurrency), DATABASE_POOL_SIZE: String(2 * concurrency + 2),
      ...(values.profile
        ? { NODE_OPTIONS: `--require ${repoRoot}/scripts/bench/cpu-profile-preload.js`, BENCH_CPU_PROFILE: `${LOG_DIR}/delivery-worker.cpuprofile` }
        : {}),
    });
    const publisher = new EventPublisher(kafka, { topicPrefix: prefix });
    undo.push(() => publisher.disconnect());
    const publish = async (reqs: DeliveryRequestedV1[]) => {
      const correlationId = randomUUID();
      for (let i = 0; i < reqs.length; i += 500) {
        const envelopes = reqs.slice(i, i + 500).map((payload) =>
          buildEnvelope({ topic: 'distribution.delivery.requested.v1', key: String(payload.leadId), payload, correlationId, causationId: correlationId }),
        );
        await publisher.publishEnvelopes('distribution.delivery.requested.v1', envelopes);
      }
    };
    const warm = await insertRequests(pool, catalog, Math.min(200, deliveries), 'warm');
    await publish(warm);
    await waitFor('the warm-up deliveries', 120_000, () => warm.every((r) => buyer.firstSeen.has(r.leadId)));
    const reqs = await insertRequests(pool, catalog, deliveries, 'bench');
    const cpu0 = cpuSeconds(worker.process.pid);
    const t0 = now();
    await publish(reqs);
    await waitFor('the worker deliveries', 600_000, () => reqs.every((r) => buyer.firstSeen.has(r.leadId)));
    const workerS = (now() - t0) / 1000;
    const workerCpu = (cpuSeconds(worker.process.pid) - cpu0) / workerS;
    const workerRate = deliveries / workerS;
    // Every send recorded before the plain loop starts (the worker's last transactions commit after the post).
    await waitFor('the sends to be recorded', 60_000, async () => {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sends WHERE status = 'sold'`);
      return rows[0].n >= deliveries + warm.length;
    });

    const plainBodies = reqs.map((r) => JSON.stringify({ leadId: -r.leadId, leadUid: r.leadUid, FirstName: 'Ada', LastName: 'Lovelace', Email: `x${r.leadId}@example.com`, State: 'TX', Zip: '73301' }));
    await plainLoop(`${buyer.url}/leads/tx`, plainBodies.slice(0, 200), concurrency); // warm-up
    const plainRate = await plainLoop(`${buyer.url}/leads/tx`, plainBodies, concurrency);

    // Phase 2: the whole stack, leads posted at a moderate constant rate.
    log('[bench] starting receiver, compliance, scanner');
    const receiver = await start('receiver');
    await start('compliance');
    await start('scanner');
    // The scanner first catches up with phase 1's completions.
    await waitFor('the scanner to complete phase 1 leads', 300_000, async () => {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE status IN ('accepted', 'screened')`);
      return rows[0].n === 0;
    }).catch((err: unknown) => log(`[bench] ${String(err)}; measuring anyway`));
    const template = demoLeadRequest(catalog) as { source: object; leads: Array<{ properties: object; fields: Record<string, string> }> };
    const answered = new Map<number, number>();
    const e2e = new LatencyRecorder(leads);
    const errors = new Map<string, number>();
    const post = async (seq: number) => {
      const body = JSON.stringify({
        source: template.source,
        leads: [{ properties: { reference: `${prefix}${seq}`, noSell: false }, fields: { ...template.leads[0].fields, Email: `e2e${seq}@example.com`, PrimaryPhone: `512555${String(seq + 1000).padStart(4, '0')}` } }],
      });
      try {
        const res = await fetch(`${receiver.url}/v2/insert/general`, {
          method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'api-key': catalog.apiKey }, body, signal: AbortSignal.timeout(10_000),
        });
        const at = now();
        const json = (await res.json()) as { results?: Array<{ leadId?: number; responseType?: string }> };
        const id = json.results?.[0]?.leadId;
        const kind = `http ${res.status} ${json.results?.[0]?.responseType ?? ''}`.trim();
        if (res.status === 200 && id) answered.set(id, at);
        else errors.set(kind, (errors.get(kind) ?? 0) + 1);
      } catch (err) {
        const kind = (err as Error).name;
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
      }
    };
    // Warm-up, not measured: consumer groups joined, connections and JIT warm in every service.
    for (let seq = -20; seq < 0; seq++) await post(seq);
    if (answered.size === 0) throw new Error(`no warm-up lead was accepted: ${[...errors].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    await waitFor('the warm-up leads at the buyer', 120_000, () => [...answered.keys()].every((id) => buyer.firstSeen.has(id)));
    answered.clear();
    errors.clear();
    log(`[bench] posting ${leads} leads at ${rate}/s`);
    const e2eStart = now();
    const inFlight: Array<Promise<void>> = [];
    for (let seq = 0; seq < leads; seq++) {
      const due = e2eStart + (seq * 1000) / rate;
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      inFlight.push(post(seq));
    }
    await Promise.all(inFlight);
    await waitFor('every answered lead at the buyer', 120_000, () => [...answered.keys()].every((id) => buyer.firstSeen.has(id))).catch((err: unknown) =>
      log(`[bench] ${String(err)}`),
    );
    let missing = 0;
    for (const [id, at] of answered) {
      const got = buyer.firstSeen.get(id);
      if (got === undefined) missing++;
      else e2e.record(got - at);
    }
    const load = (await import('node:os')).loadavg().map((n) => n.toFixed(2)).join(' ');

    out(`delivery benchmark: ${deliveries} deliveries, concurrency ${concurrency}, buyer delay ${buyerDelayMs} ms, topics with ${Math.max(6, concurrency)} partitions`);
    out('phase                                    deliveries/s');
    out(`delivery-worker (Kafka → buyer, c=${concurrency})`.padEnd(41) + workerRate.toFixed(1).padStart(12) + `   worker cpu ${(workerCpu * 100).toFixed(0)}% of one core`);
    out(`plain fetch POST loop (c=${concurrency})`.padEnd(41) + plainRate.toFixed(1).padStart(12));
    out(`ratio worker / plain                     ${(workerRate / plainRate).toFixed(2).padStart(12)}   (goal ≥ 0.7)   ${workerRate / plainRate >= 0.7 ? 'MET' : 'MISSED'}`);
    out(`duplicate posts at the buyer: ${buyer.duplicates}`);
    out('');
    out(`end to end (receiver answer → buyer receipt), ${leads} leads at ${rate}/s, whole stack`);
    out(`  answered ${answered.size}, reached the buyer ${answered.size - missing}, errors ${errors.size ? [...errors].map(([k, v]) => `${k} ×${v}`).join(', ') : 'none'}`);
    out(`  p50 ${e2e.percentile(50).toFixed(1)} ms   p99 ${e2e.percentile(99).toFixed(1)} ms   max ${e2e.max().toFixed(1)} ms   (goal p50 < 50 ms)   ${e2e.percentile(50) < 50 ? 'MET' : 'MISSED'}`);
    out(`load average at the end ${load}; service logs in .local/bench/delivery-bench-*.log`);
  } finally {
    for (const step of undo.reverse()) await step().catch((err: unknown) => log(`[bench] cleanup: ${String(err)}`));
    killChildren();
  }
}

main().catch((err: unknown) => {
  log(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
