/**
 * Request latencies in milliseconds, kept in a growable Float64Array (8 bytes a sample) so even a
 * long run at a high rate stays a few MB. Percentiles are exact (nearest rank over all samples).
 */
export class LatencyRecorder {
  private samples: Float64Array;
  private size = 0;
  private sorted = true;

  constructor(initialCapacity = 65_536) {
    this.samples = new Float64Array(Math.max(16, initialCapacity));
  }

  get count(): number {
    return this.size;
  }

  record(ms: number): void {
    if (this.size === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.size++] = ms;
    this.sorted = false;
  }

  /** Nearest-rank percentile, `p` in (0, 100]; NaN when nothing was recorded. */
  percentile(p: number): number {
    if (this.size === 0) return Number.NaN;
    if (!this.sorted) {
      this.samples.subarray(0, this.size).sort();
      this.sorted = true;
    }
    const rank = Math.min(this.size, Math.max(1, Math.ceil((p / 100) * this.size)));
    return this.samples[rank - 1];
  }

  max(): number {
    return this.percentile(100);
  }
}
