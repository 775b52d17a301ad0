/**
 * Scanner speed benchmark (issue 5, "Speed"): per-lead scan time with 1,000 / 10,000 / 100,000
 * delivery accounts, 5 criteria each, spread over 50 states and 5 lead types. A scan = candidate
 * accounts from the index (lead type, then State) + every rule of evaluateAccount on each + the
 * ranking — the scanner's pure work per lead, in memory, without Postgres or Redis. The same leads
 * are also scanned without the index (every account of the lead type) for comparison.
 *
 *   bash scripts/run-ts.sh scripts/bench/scanner-bench.ts [--leads 2000] [--sizes 1000,10000,100000]
 *
 * Goal: p99 under 5 ms per lead at 10,000 accounts, and cost growing clearly slower than the
 * number of accounts.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Criterion } from '@leadx/catalog-criteria';
import { AccountIndex, evaluateAccount, IndexedAccount, rankAccounts, safeExpressionEvaluator } from '@leadx/distribution-domain';

const STATES = ['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO',
  'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'];
const LEAD_TYPES = 5;

/** A deterministic PRNG (mulberry32), so every run scans the same accounts and leads. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeAccounts(n: number, rnd: () => number): IndexedAccount[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const minAge = 18 + Math.floor(rnd() * 20);
    // 5 criteria: the account's state(s), an age band, a minimum income, an e-mail filter and an excluded source.
    const states = rnd() < 0.8 ? [pick(STATES)] : [pick(STATES), pick(STATES)];
    const criteria: Criterion[] = [
      { field: 'State', operator: states.length === 1 ? 'Equal' : 'In', value: states.join('|') },
      { field: 'Age', operator: 'Between', value: `${minAge}|${minAge + 30 + Math.floor(rnd() * 20)}` },
      { field: 'Income', operator: 'GreaterOrEqual', value: String(10_000 * Math.floor(rnd() * 8)) },
      { field: 'Email', operator: 'Doesnt_Contain', value: 'test' },
      { field: 'Source', operator: 'NotIn', value: `src${Math.floor(rnd() * 20)}|src${Math.floor(rnd() * 20)}` },
    ];
    return {
      id: i + 1, leadTypeId: 1 + (i % LEAD_TYPES), clientId: 1 + Math.floor(i / 3), name: `account ${i + 1}`, accountStatus: 'Open', clientStatus: 'Active',
      price: 5 + Math.floor(rnd() * 50), priority: Math.floor(rnd() * 5), criteria, automationEnabled: true, timeZone: 'America/New_York', automationType: 'Price',
    };
  });
}

function makeLeads(n: number, rnd: () => number): Array<{ leadTypeId: number; fields: Record<string, string> }> {
  return Array.from({ length: n }, () => ({
    leadTypeId: 1 + Math.floor(rnd() * LEAD_TYPES),
    fields: {
      State: STATES[Math.floor(rnd() * STATES.length)], Age: String(18 + Math.floor(rnd() * 60)), Income: String(Math.floor(rnd() * 100_000)),
      Email: rnd() < 0.05 ? 'test@example.com' : 'jane@example.com', Source: `src${Math.floor(rnd() * 20)}`,
    },
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => `${n.toFixed(3)} ms`;

function measure(leads: ReturnType<typeof makeLeads>, scan: (lead: ReturnType<typeof makeLeads>[number]) => number): { p50: number; p99: number; eligible: number } {
  for (const lead of leads.slice(0, 50)) scan(lead); // warm-up (JIT, criteria compiled once)
  const times: number[] = [];
  let eligible = 0;
  for (const lead of leads) {
    const t = performance.now();
    eligible += scan(lead);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), eligible: eligible / leads.length };
}

function main(): void {
  const { values } = parseArgs({ options: { leads: { type: 'string', default: '2000' }, sizes: { type: 'string', default: '1000,10000,100000' } } });
  const leadCount = Number(values.leads);
  const sizes = String(values.sizes).split(',').map(Number);
  const env = { now: () => new Date(), evaluateExpression: safeExpressionEvaluator() };
  console.log(`scanner benchmark: ${leadCount} leads per size, 5 criteria per account, ${STATES.length} states, ${LEAD_TYPES} lead types`);
  console.log('accounts  | indexed p50 | indexed p99 | full-scan p50 | full-scan p99 | build index | eligible/lead');
  const rows: Array<{ size: number; p99: number }> = [];
  for (const size of sizes) {
    const accounts = makeAccounts(size, random(size));
    const leads = makeLeads(leadCount, random(size + 1));
    const t0 = performance.now();
    const index = new AccountIndex(accounts);
    const build = performance.now() - t0;
    const byType = new Map<number, IndexedAccount[]>();
    for (const a of accounts) {
      const list = byType.get(a.leadTypeId);
      if (list) list.push(a);
      else byType.set(a.leadTypeId, [a]);
    }
    const scanWith = (candidates: (lead: ReturnType<typeof makeLeads>[number]) => IndexedAccount[]) => (lead: ReturnType<typeof makeLeads>[number]) => {
      const passed = candidates(lead).filter((a) => evaluateAccount(a, lead.fields, env).passed);
      return rankAccounts(passed).length;
    };
    const indexed = measure(leads, scanWith((l) => index.candidates(l.leadTypeId, l.fields)));
    // The full scan is slow at 100,000: a tenth of the leads is enough for its percentiles.
    const full = measure(leads.slice(0, Math.max(200, Math.floor(leadCount / (size >= 100_000 ? 10 : 1)))), scanWith((l) => byType.get(l.leadTypeId) ?? []));
    // The index must not change any answer: same eligible accounts, lead by lead (first 100 leads).
    for (const lead of leads.slice(0, 100)) {
      if (scanWith((l) => index.candidates(l.leadTypeId, l.fields))(lead) !== scanWith((l) => byType.get(l.leadTypeId) ?? [])(lead)) throw new Error('the index changed a result');
    }
    rows.push({ size, p99: indexed.p99 });
    console.log(
      `${String(size).padEnd(9)} | ${ms(indexed.p50).padStart(11)} | ${ms(indexed.p99).padStart(11)} | ${ms(full.p50).padStart(13)} | ${ms(full.p99).padStart(13)} | ${ms(build).padStart(11)} | ${indexed.eligible.toFixed(1)}`,
    );
  }
  const ten = rows.find((r) => r.size === 10_000);
  if (ten) console.log(`goal p99 < 5 ms at 10,000 accounts: ${ten.p99 < 5 ? 'met' : 'missed'} (${ms(ten.p99)})`);
  const [first, last] = [rows[0], rows[rows.length - 1]];
  if (first && last && last.size > first.size) {
    console.log(`accounts x${(last.size / first.size).toFixed(0)} -> indexed p99 x${(last.p99 / first.p99).toFixed(1)}`);
  }
}

main();
