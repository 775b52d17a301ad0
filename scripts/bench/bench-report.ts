import { PhaseResult } from './http-load';

export const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export function perSecond(p: PhaseResult): number {
  return p.elapsedS > 0 ? p.accepted / p.elapsedS : 0;
}

export function mark(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

export function describeErrors(errors: Map<string, number>): string {
  if (errors.size === 0) return 'none';
  return [...errors.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind}: ${n}`)
    .join(', ');
}

const COLUMNS: Array<[string, number]> = [
  ['phase', 34],
  ['secs', 6],
  ['requests', 9],
  ['ok/s', 9],
  ['p50 ms', 8],
  ['p99 ms', 8],
  ['p99.9 ms', 9],
  ['max ms', 8],
  ['client cpu', 11],
];

function row(cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i][1]) : c.padStart(COLUMNS[i][1]))).join(' ');
}

/** One line per phase plus its errors, as a fixed-width table. */
export function phaseTable(phases: PhaseResult[]): string[] {
  const lines = [row(COLUMNS.map(([title]) => title))];
  for (const p of phases) {
    lines.push(
      row([
        p.name,
        fixed(p.elapsedS),
        String(p.requests),
        fixed(perSecond(p)),
        fixed(p.latency.percentile(50), 2),
        fixed(p.latency.percentile(99), 2),
        fixed(p.latency.percentile(99.9), 2),
        fixed(p.latency.max(), 1),
        `${fixed(p.clientCpuPct, 0)}%`,
      ]),
    );
    const extra = p.targetRate === undefined ? '' : `; offered ${fixed(p.targetRate)}/s, client issued up to ${fixed(p.maxIssueLagMs ?? 0)} ms late`;
    lines.push(`${''.padEnd(4)}accepted ${p.accepted} of ${p.requests}; errors: ${describeErrors(p.errors)}${extra}`);
  }
  return lines;
}
