export interface BackoffOptions {
  /** First delay; default 200 ms. */
  initialMs?: number;
  /** Upper bound of any delay; default 30 s. */
  maxMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 200, maxMs: 30_000 };

/**
 * Delay before retry number `attempt` (1-based): initialMs · 2^(attempt-1), capped at maxMs, with
 * "equal jitter" (half fixed, half random) so replicas that failed together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}, random: () => number = Math.random): number {
  const initial = Math.max(1, opts.initialMs ?? DEFAULT_BACKOFF.initialMs);
  const max = Math.max(initial, opts.maxMs ?? DEFAULT_BACKOFF.maxMs);
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const capped = Math.min(max, initial * 2 ** exponent);
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
