/** One dependency the service needs to serve traffic. `check` throws when it is unhealthy. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
  /** Releases what the check holds of its own (HealthModule calls it when the app closes). */
  close?(): Promise<void>;
}

export class CheckTimeoutError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`${what} did not answer within ${timeoutMs} ms`);
    this.name = 'CheckTimeoutError';
  }
}

/** Settles with `work`, or rejects with CheckTimeoutError after `timeoutMs` (work keeps running). */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(what, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}
