import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Seed 003: tokens are valid for 3600 seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

const tokenKey = (hash: string) => `accounts:token:${hash}`;
const clientTokensKey = (clientId: string) => `accounts:client-tokens:${clientId}`;
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Opaque bearer tokens kept in Redis by their SHA-256 (a Redis dump holds no usable token), with
 * the seed's 3600 s expiry. Opaque rather than JWT so that revoking or rotating a client ends its
 * tokens at once: each client's token hashes are indexed for that.
 */
export class AccessTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
  ) {}

  async issue(clientId: string): Promise<{ token: string; expiresIn: number }> {
    const token = randomBytes(32).toString('base64url');
    const hash = hashToken(token);
    await this.redis
      .multi()
      .set(tokenKey(hash), clientId, 'EX', this.ttlSeconds)
      .sadd(clientTokensKey(clientId), hash)
      .expire(clientTokensKey(clientId), this.ttlSeconds)
      .exec();
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The client id the token was issued to, or undefined when unknown or expired. */
  async resolve(token: string | undefined): Promise<string | undefined> {
    if (!token || token.length > 200) return undefined;
    return (await this.redis.get(tokenKey(hashToken(token)))) ?? undefined;
  }

  async revokeAllOf(clientId: string): Promise<void> {
    const hashes = await this.redis.smembers(clientTokensKey(clientId));
    await this.redis.del(clientTokensKey(clientId), ...hashes.map(tokenKey));
  }
}
