/**
 * Lead Receiver speed benchmark (issue 3, "Speed"). Sets up its own database, topics, catalog,
 * buyer and service processes, then measures in one run:
 *   1. the raw floor: one Postgres transaction per lead (request row + lead row + outbox row);
 *   2. full rate: closed-loop single-lead JSON posts to POST /v2/insert/general;
 *   3. half rate: open-loop posts at half of 2's accepted rate, latency from the scheduled time;
 * and cross-checks every 2xx leadId against Postgres. Prints the figures and the goals.
 *
 *   bash scripts/run-ts.sh scripts/bench/receiver-bench.ts [--duration 30] [--concurrency 32] [--help]
 *
 * Exit: 0 when it ran (goals met or missed), 3 on lost or duplicated leads, 1 on a crash or
 * timeout, 2 on bad arguments, 130 on Ctrl-C. See scripts/bench/README.md.
 */
import { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { demoLeadRequest } from '@leadx/catalog-data-access';
import { uniqueSuffix } from '@leadx/platform-testing';
import { assertBenchDatabase, BenchStack, Lifecycle, LOG_DIR, repoRoot, startBenchStack } from './bench-stack';
import { describeErrors, fixed, mark, perSecond, phaseTable } from './bench-report';
import { LoadTarget, runClosedLoop, runOpenLoop } from './http-load';
import { crossCheckLeads, PipelineState, pipelineState, waitForPipeline } from './lead-cross-check';
import { LeadLedger } from './lead-ledger';
import { runRawInsertFloor } from './raw-insert-floor';
import { ServiceCpuMeter } from './service-cpu-meter';

const USAGE = `usage: bash scripts/run-ts.sh scripts/bench/receiver-bench.ts [options]
  --duration <s>       seconds per measured phase (default 30)
  --concurrency <n>    concurrent workers for the raw floor and the full-rate phase (default 32)
  --warmup <s>         unmeasured warm-up before the raw floor and the full-rate phase (default 3)
  --rate <n>           requests/s of the constant-rate phase (default: half the full rate's accepted/s)
  --settle <s>         at most this long, wait for the pipeline to deliver the backlog before the
                       constant-rate phase and at the end (default 60; 0 skips)
  --receiver-only      start only the receiver (no compliance, scanner, delivery-worker)
  --receiver-pool <n>  the receiver's DATABASE_POOL_SIZE (default: the service default, 10)
  --profile            write a CPU profile of the receiver to .local/bench/receiver.cpuprofile
                       (open it in Chrome DevTools > Performance, or speedscope)
  --timeout-ms <n>     a request without an answer by then counts as a timeout (default 10000)
  --database-url <u>   the benchmark's own database, dropped and recreated each run; its name must
                       start with leadx_bench (default $BENCH_DATABASE_URL or .../leadx_bench)`;

interface Options {
  durationS: number;
  concurrency: number;
  warmupS: number;
  rate?: number;
  settleS: number;
  receiverOnly: boolean;
  receiverPool?: number;
  timeoutMs: number;
  databaseUrl: string;
  profile: boolean;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      warmup: { type: 'string' },
      rate: { type: 'string' },
      settle: { type: 'string' },
      'receiver-only': { type: 'boolean' },
      'receiver-pool': { type: 'string' },
      'timeout-ms': { type: 'string' },
      profile: { type: 'boolean' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const num = (flag: string, raw: string | undefined, fallback: number, min: number, max: number, integer = false): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new UsageError(`--${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${raw}"`);
    }
    return n;
  };
  const databaseUrl = values['database-url'] ?? process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx_bench';
  try {
    assertBenchDatabase(databaseUrl);
  } catch (e) {
    throw new UsageError(`--database-url: ${(e as Error).message}`);
  }
  return {
    durationS: num('duration', values.duration, 30, 1, 3600),
    concurrency: num('concurrency', values.concurrency, 32, 1, 1024, true),
    warmupS: num('warmup', values.warmup, 3, 0, 600),
    rate: values.rate === undefined ? undefined : num('rate', values.rate, 0, 1, 1_000_000),
    settleS: num('settle', values.settle, 60, 0, 3600),
    receiverOnly: values['receiver-only'] ?? false,
    receiverPool: values['receiver-pool'] === undefined ? undefined : num('receiver-pool', values['receiver-pool'], 10, 1, 200, true),
    timeoutMs: num('timeout-ms', values['timeout-ms'], 10_000, 100, 600_000, true),
    databaseUrl,
    profile: values.profile ?? false,
  };
}

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

/** Teardown in reverse order of setup, each step bounded; children get SIGKILL if we exit anyway. */
class Teardown implements Lifecycle {
  private readonly steps: Array<{ what: string; undo: () => Promise<unknown> }> = [];
  private readonly children: ChildProcess[] = [];
  private running?: Promise<void>;

  defer(what: string, undo: () => Promise<unknown>): void {
    this.steps.push({ what, undo });
  }

  track(child: ChildProcess): void {
    this.children.push(child);
  }

  log(line: string): void {
    err(line);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { what, undo } of this.steps.reverse()) {
        let timer: NodeJS.Timeout | undefined;
        const cap = new Promise<void>((r) => (timer = setTimeout(() => (err(`[bench] ${what}: gave up after 30 s`), r()), 30_000)));
        await Promise.race([undo().catch((e: unknown) => err(`[bench] ${what} failed: ${String(e)}`)), cap]);
        clearTimeout(timer);
      }
    })();
    return this.running;
  }

  killChildren(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * The demo lead with what makes each one a different consumer: a unique reference (else the
 * receiver answers identical bodies as retries), Email and PrimaryPhone (else every lead shares
 * the same duplicate keys, so the receiver's duplicate check serialises them all on one lock and
 * rejects them as duplicates). Phones stay valid US numbers: 512-NXX-XXXX, NXX 200..999.
 */
function leadFactory(stack: BenchStack, ledger: LeadLedger): { body: (seq: number) => string; fields: (seq: number) => Record<string, string> } {
  const request = demoLeadRequest(stack.catalog) as { source: object; leads: Array<{ properties: Record<string, unknown>; fields: Record<string, string> }> };
  const [template] = request.leads;
  const fields = (seq: number): Record<string, string> => ({
    ...template.fields,
    Email: `bench.${seq}@example.com`,
    PrimaryPhone: `512${200 + (Math.floor(seq / 10_000) % 800)}${String(seq % 10_000).padStart(4, '0')}`,
  });
  return {
    fields,
    body: (seq) =>
      JSON.stringify({ source: request.source, leads: [{ properties: { ...template.properties, reference: ledger.reference(seq) }, fields: fields(seq) }] }),
  };
}

const describeLoad = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function describePipeline(s: PipelineState): string {
  const statuses = Object.entries(s.byStatus)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  return `${s.total} leads (${statuses || 'none'}); ${s.inFlight} in flight; ${s.unpublished} receiver outbox rows unpublished`;
}

async function benchmark(opts: Options, life: Teardown): Promise<number> {
  const suffix = uniqueSuffix();
  const stack = await startBenchStack(
    {
      databaseUrl: opts.databaseUrl,
      redisUrl: process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/15',
      kafkaBrokers: (process.env['BENCH_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
      topicPrefix: `bench-${suffix}.`,
      receiverOnly: opts.receiverOnly,
      receiverPoolSize: opts.receiverPool,
      poolMax: opts.concurrency + 4,
      profileReceiver: opts.profile,
    },
    life,
  );
  const ledger = new LeadLedger(`bench-${suffix}-`);
  const { body, fields } = leadFactory(stack, ledger);
  const target: LoadTarget = { url: new URL('/v2/insert/general', stack.receiver.url), apiKey: stack.catalog.apiKey, body, timeoutMs: opts.timeoutMs };
  const pg = (await stack.pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  const cpu = cpus();

  out('LeadX Lead Receiver benchmark');
  out(`machine: ${cpu.length} CPU (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, Postgres ${pg}; load average ${describeLoad()}`);
  out(
    `stack: ${stack.services.map((s) => s.name).join(' + ')}${opts.receiverOnly ? '' : ' + local buyer'}; receiver DB pool ${opts.receiverPool ?? '10 (default)'}`,
  );
  out(`load: ${opts.concurrency} concurrent, ${opts.durationS} s per phase after ${opts.warmupS} s warm-up; single-lead JSON POST /v2/insert/general, unique reference, Email and PrimaryPhone per lead`);
  out();

  err(`[bench] phase 1/3: raw insert floor, ${opts.concurrency} connections, ${opts.durationS} s`);
  if (opts.warmupS > 0) await runRawInsertFloor('raw warm-up', stack.pool, stack.rawCatalog, fields, { concurrency: opts.concurrency, durationS: opts.warmupS });
  const raw = await runRawInsertFloor(`raw insert floor (pg, c=${opts.concurrency})`, stack.pool, stack.rawCatalog, fields, {
    concurrency: opts.concurrency,
    durationS: opts.durationS,
  });

  err(`[bench] phase 2/3: full rate, ${opts.concurrency} workers, ${opts.durationS} s`);
  if (opts.warmupS > 0) await runClosedLoop('http warm-up', target, ledger, { concurrency: opts.concurrency, durationS: opts.warmupS });
  const cpuMeter = (): ServiceCpuMeter => new ServiceCpuMeter(stack.services.map((s) => ({ name: s.name, pid: s.process.pid })));
  const fullCpu = cpuMeter();
  const full = await runClosedLoop(`full rate (closed loop, c=${opts.concurrency})`, target, ledger, { concurrency: opts.concurrency, durationS: opts.durationS });
  const cpuNotes = [`full rate: ${fullCpu.summary() ?? 'n/a (no /proc)'}`];
  const afterFull = await pipelineState(stack.pool, stack.catalog.campaignId);
  const notes = [`after full rate: ${describePipeline(afterFull)}`];
  if (!opts.receiverOnly && opts.settleS > 0) {
    err(`[bench] letting the pipeline deliver the backlog (at most ${opts.settleS} s)`);
    const settled = await waitForPipeline(stack.pool, stack.catalog.campaignId, opts.settleS);
    notes.push(`settled for ${fixed(settled.waitedS)} s: ${describePipeline(settled)}`);
  }

  const rate = opts.rate ?? Math.max(1, perSecond(full) / 2);
  err(`[bench] phase 3/3: constant rate ${fixed(rate)}/s, ${opts.durationS} s`);
  const halfCpu = cpuMeter();
  const half = await runOpenLoop(`${opts.rate ? 'constant' : 'half'} rate (open loop, ${fixed(rate, 0)}/s)`, target, ledger, {
    rate,
    durationS: opts.durationS,
    maxSockets: Math.max(64, opts.concurrency * 4),
  });
  cpuNotes.push(`${opts.rate ? 'constant' : 'half'} rate: ${halfCpu.summary() ?? 'n/a (no /proc)'}`);

  for (const service of stack.services) {
    if (service.process.exitCode !== null || service.process.signalCode !== null) {
      throw new Error(`${service.name} exited during the benchmark:\n${service.output().slice(-4000)}`);
    }
  }
  if (!opts.receiverOnly && opts.settleS > 0) {
    err(`[bench] waiting for the pipeline to deliver the rest (at most ${opts.settleS} s)`);
    const end = await waitForPipeline(stack.pool, stack.catalog.campaignId, opts.settleS);
    notes.push(`at the end, after ${fixed(end.waitedS)} s: ${describePipeline(end)}; buyer received ${stack.buyer.posts} posts`);
  }
  const check = await crossCheckLeads(stack.pool, stack.catalog.campaignId, ledger);

  for (const line of phaseTable([raw, full, half])) out(line);
  out();
  for (const note of cpuNotes) out(`service CPU (% of one core) during ${note}`);
  for (const note of notes) out(`pipeline ${note}`);
  out();

  const ratio = perSecond(full) / perSecond(raw);
  const p99 = half.latency.percentile(99);
  const intact = check.lost === 0 && check.duplicated === 0 && check.foreign === 0;
  const goal = (label: string, text: string): void => out(`  ${label.padEnd(30)}${text}`);
  out('goals:');
  goal('accepted/s ÷ raw rate', `${fixed(perSecond(full))} / ${fixed(perSecond(raw))} = ${fixed(ratio, 2)}   (goal ≥ 0.5)   ${mark(ratio >= 0.5)}`);
  goal(
    `p99 at ${opts.rate === undefined ? 'half the maximum' : 'the constant'} rate`,
    `${fixed(p99, 2)} ms at ${fixed(perSecond(half))}/s accepted of ${fixed(rate)}/s offered   (goal < 50 ms)   ${mark(p99 < 50)}`,
  );
  goal(
    'lost / duplicated leads',
    `${check.lost} / ${check.duplicated}: ${check.acknowledged} leadIds answered with 2xx, ${check.rows} rows for the campaign` +
      `${check.unacknowledged ? ` (${check.unacknowledged} stored without a 2xx answer: client gave up first)` : ''}` +
      `${check.foreign ? `, ${check.foreign} rows this run never sent` : ''}   ${intact ? 'PASS' : 'FAIL'}`,
  );
  goal('errors', `full rate: ${describeErrors(full.errors)}; constant rate: ${describeErrors(half.errors)}`);
  for (const example of check.examples) out(`    ${example}`);
  out(`load average at the end ${describeLoad()} (a load above the CPU count means other work competed); service logs in ${relative(repoRoot, LOG_DIR)}/`);
  out();
  out(
    `summary: ${fixed(perSecond(full))} accepted/s = ${fixed(ratio, 2)}x raw ${fixed(perSecond(raw))}/s [${mark(ratio >= 0.5)}]; ` +
      `p99 ${fixed(p99, 2)} ms at ${fixed(rate)}/s [${mark(p99 < 50)}]; ` +
      `${check.lost} lost, ${check.duplicated} duplicated of ${check.acknowledged} [${intact ? 'PASS' : 'FAIL'}]`,
  );
  return intact ? 0 : 3;
}

async function main(): Promise<void> {
  let opts: Options | 'help';
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  if (opts === 'help') {
    out(USAGE);
    return;
  }
  const life = new Teardown();
  let finishing = false;
  const finish = async (code: number, why?: string): Promise<never> => {
    if (finishing) process.exit(code);
    finishing = true;
    if (why) err(`[bench] ${why}`);
    await life.run();
    process.exit(code);
  };
  process.on('exit', () => life.killChildren());
  process.once('SIGINT', () => void finish(130, 'interrupted: stopping services'));
  process.once('SIGTERM', () => void finish(143, 'terminated: stopping services'));
  // Every step is bounded on its own; this bounds the whole run (setup incl. a build, phases, settling).
  const budgetS = Math.ceil(1800 + 2 * opts.warmupS + 3 * opts.durationS + 2 * opts.settleS + 3 * (opts.timeoutMs / 1000));
  const watchdog = setTimeout(() => void finish(1, `gave up after ${budgetS} s`), budgetS * 1000);
  try {
    const code = await benchmark(opts, life);
    clearTimeout(watchdog);
    await finish(code);
  } catch (e) {
    await finish(1, `benchmark crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

void main();
