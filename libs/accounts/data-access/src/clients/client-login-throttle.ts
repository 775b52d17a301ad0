import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Failed logins allowed per username in a window before POST /v1/clients/login answers 429. */
export const CLIENT_LOGIN_MAX_FAILURES = 10;
export const CLIENT_LOGIN_WINDOW_SECONDS = 900;

// Keyed by a hash of the lower-cased username: any username is a safe, bounded key.
const failuresKey = (username: string) => `accounts:client-login-failures:${createHash('sha256').update(username.trim().toLowerCase(), 'utf8').digest('hex')}`;

/**
 * POST /v1/clients/login checks portal passwords for whoever holds an API token; counting failures
 * per username bounds password guessing (a success clears the count).
 */
export class ClientLoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly maxFailures = CLIENT_LOGIN_MAX_FAILURES,
    private readonly windowSeconds = CLIENT_LOGIN_WINDOW_SECONDS,
  ) {}

  async blocked(username: string): Promise<boolean> {
    return Number(await this.redis.get(failuresKey(username))) >= this.maxFailures;
  }

  async failed(username: string): Promise<void> {
    const key = failuresKey(username);
    // EXPIRE NX: the window starts at the first failure and is not extended by later ones.
    await this.redis.multi().incr(key).expire(key, this.windowSeconds, 'NX').exec();
  }

  async succeeded(username: string): Promise<void> {
    await this.redis.del(failuresKey(username));
  }
}
