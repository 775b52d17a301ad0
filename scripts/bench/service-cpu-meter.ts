import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (almost always 100). */
const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU seconds (user + system) a process has used so far; undefined where /proc is not available. */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)" start at field 3 (state); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/**
 * How busy each service process was during a phase, in % of one core. A receiver near 100% is
 * CPU-bound in its single Node thread; the benchmark's own share shows whether the client competed.
 */
export class ServiceCpuMeter {
  private readonly startedAt: number;
  private readonly before: Array<number | undefined>;

  constructor(private readonly processes: Array<{ name: string; pid: number | undefined }>) {
    this.startedAt = Date.now();
    this.before = processes.map((p) => cpuSecondsOf(p.pid));
  }

  /** e.g. "receiver 97%, compliance 31%", or undefined when /proc is not available. */
  summary(): string | undefined {
    const elapsedS = (Date.now() - this.startedAt) / 1000;
    const parts = this.processes.flatMap((p, i) => {
      const now = cpuSecondsOf(p.pid);
      const then = this.before[i];
      return now === undefined || then === undefined ? [] : [`${p.name} ${Math.round(((now - then) / elapsedS) * 100)}%`];
    });
    return parts.length ? parts.join(', ') : undefined;
  }
}
