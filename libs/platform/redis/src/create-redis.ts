import Redis, { RedisOptions } from 'ioredis';

export interface CreateRedisOptions {
  /** Shown in CLIENT LIST (CLIENT SETNAME); non [A-Za-z0-9_.-] characters become '_'. */
  name?: string;
  /** Do not connect until the first command (or an explicit `connect()`). */
  lazyConnect?: boolean;
  /**
   * Queue commands issued while disconnected until the connection is back (default true). Pass
   * false for a client whose calls must fail at once while Redis is down, e.g. one used only
   * for readiness.
   */
  enableOfflineQueue?: boolean;
  /** Receives connection errors. Without it they are swallowed: commands and readiness surface them. */
  onError?: (err: Error) => void;
}

/** Reconnect delay: grows by 100 ms per attempt, capped at 2 s; never gives up. */
export function redisRetryDelay(attempt: number): number {
  return Math.min(Math.max(attempt, 1) * 100, 2_000);
}

/**
 * The one way to open a Redis connection. Reconnects forever (delay capped at 2 s) and lets a
 * command fail after 2 reconnect attempts instead of waiting for Redis indefinitely.
 */
export function createRedis(url: string, opts: CreateRedisOptions = {}): Redis {
  const options: RedisOptions = {
    lazyConnect: opts.lazyConnect ?? false,
    enableOfflineQueue: opts.enableOfflineQueue ?? true,
    maxRetriesPerRequest: 2,
    retryStrategy: redisRetryDelay,
    connectTimeout: 3_000,
    keepAlive: 10_000,
    // After disconnect(), a socket that does not close by itself is destroyed this soon (ioredis
    // default 2 s, which also holds the process open after a failed connect).
    disconnectTimeout: 500,
    enableReadyCheck: true,
    ...(opts.name ? { connectionName: opts.name.replace(/[^A-Za-z0-9_.-]/g, '_') } : {}),
  };
  const redis = new Redis(url, options);
  // An 'error' listener keeps ioredis from printing "Unhandled error event" on every retry.
  redis.on('error', (err: Error) => opts.onError?.(err));
  return redis;
}

/**
 * Resolves when Redis answers PING within `timeoutMs`. Fails at once while the client is
 * reconnecting or closed (no queued PING that would answer stale later), and on timeout. A lazy
 * client that never connected is connected first, within the same deadline.
 */
export async function pingRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status !== 'ready' && redis.status !== 'wait') {
    throw new Error(`redis not connected (status ${redis.status})`);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis PING timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  const attempt = (async () => {
    if (redis.status === 'wait') await redis.connect();
    return redis.ping();
  })();
  try {
    const reply = await Promise.race([attempt, timeout]);
    if (reply !== 'PONG') throw new Error(`redis PING answered ${String(reply)}`);
  } finally {
    clearTimeout(timer);
    attempt.catch(() => undefined);
  }
}
