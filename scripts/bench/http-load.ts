import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { LatencyRecorder } from './latency-recorder';
import { LeadLedger } from './lead-ledger';

/** What one phase measured. Latency covers every completed request, whatever its outcome. */
export interface PhaseResult {
  name: string;
  elapsedS: number;
  requests: number;
  accepted: number;
  latency: LatencyRecorder;
  /** Failures by kind: `http 500`, `rejected Data_Errors`, `timeout`, `ECONNRESET`, ... */
  errors: Map<string, number>;
  /** CPU the benchmark process used meanwhile, in % of one core (a saturated client skews results). */
  clientCpuPct: number;
  /** Open loop only: the requested rate and how late, at worst, the client issued a request. */
  targetRate?: number;
  maxIssueLagMs?: number;
}

export interface LoadTarget {
  /** e.g. http://127.0.0.1:41234/v2/insert/general */
  url: URL;
  apiKey: string;
  /** The JSON body of request `seq` (its lead reference carries `seq`). */
  body(seq: number): string;
  /** A request without an answer by then counts as `timeout`. */
  timeoutMs: number;
}

type Outcome = { leadId: number } | { error: string };

export function bump(errors: Map<string, number>, kind: string, by = 1): void {
  errors.set(kind, (errors.get(kind) ?? 0) + by);
}

/** A 2xx whose one result is valid with a positive leadId is an accepted lead; anything else is an error kind. */
function classify(status: number, text: string): Outcome {
  if (status < 200 || status > 299) return { error: `http ${status}` };
  try {
    const parsed = JSON.parse(text) as { results?: Array<{ isValid?: unknown; leadId?: unknown; responseType?: unknown }> };
    const result = parsed.results?.[0];
    if (result?.isValid === true && typeof result.leadId === 'number' && result.leadId > 0) return { leadId: result.leadId };
    return { error: `rejected ${String(result?.responseType ?? 'without a result')}` };
  } catch {
    return { error: `http ${status} unparseable body` };
  }
}

function sendOnce(agent: Agent, target: LoadTarget, body: string): Promise<Outcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    const req = request(
      {
        agent,
        host: target.url.hostname,
        port: target.url.port,
        path: target.url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'api-key': target.apiKey,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve(classify(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        });
        res.on('error', () => resolve({ error: timedOut ? 'timeout' : 'response aborted' }));
      },
    );
    // A whole-request deadline (queueing for a socket included), not just socket idleness.
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timeout'));
    }, target.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error: timedOut ? 'timeout' : (err.code ?? 'network error') });
    });
    req.end(body);
  });
}

function cpuPct(since: NodeJS.CpuUsage, elapsedMs: number): number {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1000 / elapsedMs) * 100;
}

/**
 * Closed loop ("full rate"): `concurrency` workers, each sending the next request as soon as the
 * previous answer arrived, for `durationS`. Requests in flight at the end are awaited and counted.
 */
export async function runClosedLoop(
  name: string,
  target: LoadTarget,
  ledger: LeadLedger,
  opts: { concurrency: number; durationS: number },
): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latency = new LatencyRecorder();
  const errors = new Map<string, number>();
  let requests = 0;
  let accepted = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + opts.durationS * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const seq = ledger.next();
      requests++;
      const sent = performance.now();
      const outcome = await sendOnce(agent, target, target.body(seq));
      latency.record(performance.now() - sent);
      if ('leadId' in outcome) {
        accepted++;
        ledger.accept(seq, outcome.leadId);
      } else bump(errors, outcome.error);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, () => worker()));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { name, elapsedS: elapsedMs / 1000, requests, accepted, latency, errors, clientCpuPct: cpuPct(cpu, elapsedMs) };
}

/**
 * Open loop ("constant rate"): request i is due at start + i/rate whether or not earlier ones were
 * answered, and its latency is measured from that SCHEDULED time. A server (or client) that falls
 * behind therefore shows up in the latency instead of silently lowering the offered load
 * (coordinated omission). Up to `maxSockets` connections; beyond that requests queue in the
 * agent, still on the clock.
 */
export async function runOpenLoop(
  name: string,
  target: LoadTarget,
  ledger: LeadLedger,
  opts: { rate: number; durationS: number; maxSockets: number },
): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets });
  const latency = new LatencyRecorder(Math.ceil(opts.rate * opts.durationS) + 16);
  const errors = new Map<string, number>();
  const total = Math.max(1, Math.round(opts.rate * opts.durationS));
  const intervalMs = 1000 / opts.rate;
  let accepted = 0;
  let issued = 0;
  let inFlight = 0;
  let maxIssueLagMs = 0;
  let allAnswered: () => void = () => undefined;
  const drained = new Promise<void>((r) => (allAnswered = r));
  const cpu = process.cpuUsage();
  const start = performance.now();

  const fire = (i: number): void => {
    const scheduled = start + i * intervalMs;
    maxIssueLagMs = Math.max(maxIssueLagMs, performance.now() - scheduled);
    const seq = ledger.next();
    inFlight++;
    void sendOnce(agent, target, target.body(seq)).then((outcome) => {
      latency.record(performance.now() - scheduled);
      if ('leadId' in outcome) {
        accepted++;
        ledger.accept(seq, outcome.leadId);
      } else bump(errors, outcome.error);
      if (--inFlight === 0 && issued === total) allAnswered();
    });
  };

  while (issued < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
    while (issued < due) fire(issued++);
    if (issued < total) {
      const wait = start + issued * intervalMs - performance.now();
      await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    }
  }
  if (inFlight > 0) await drained;
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return {
    name,
    elapsedS: elapsedMs / 1000,
    requests: total,
    accepted,
    latency,
    errors,
    clientCpuPct: cpuPct(cpu, elapsedMs),
    targetRate: opts.rate,
    maxIssueLagMs,
  };
}
