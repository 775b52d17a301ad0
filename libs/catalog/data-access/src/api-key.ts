import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'lx_';

/** A new lead-source api-key: 256 random bits. The plain key is shown once and never stored. */
export function generateApiKey(): { key: string; prefix: string; hash: Buffer } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

/** SHA-256 is enough for 256-bit random keys (no dictionary to attack) and keeps auth cheap. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
