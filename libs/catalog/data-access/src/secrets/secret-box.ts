import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The development-only value of SECRETS_ENCRYPTION_KEY (base64 of SHA-256 of "leadx development
 * secrets key: never use in production"). It is public, so anything sealed with it is readable by
 * anyone: services refuse to start with it when NODE_ENV=production (see secretsKeyProblem).
 */
export const DEVELOPMENT_SECRETS_KEY = 'oKwY4/iiaEEAnC0LQ8rSaWS452eGUtkH9zuuDoxnV08=';

const VERSION = 'sb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Why a SECRETS_ENCRYPTION_KEY value is unusable, or undefined when it is fine. Never echoes the
 * key. `nodeEnv` is the process's NODE_ENV: the public development key is refused in production.
 */
export function secretsKeyProblem(base64Key: unknown, nodeEnv: string | undefined): string | undefined {
  if (typeof base64Key !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(base64Key.trim())) {
    return 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)';
  }
  if (nodeEnv === 'production' && base64Key.trim() === DEVELOPMENT_SECRETS_KEY) {
    return 'is the public development key; set a secret key in production';
  }
  return undefined;
}

/**
 * Authenticated encryption (AES-256-GCM) of small secrets stored in the catalog, such as a
 * screening integration's API token: account-admin seals, the service that calls the provider
 * opens. Sealed text: `sb1.<key id>.<iv>.<ciphertext+tag>` (base64url). The key id (first bytes of
 * the key's SHA-256) tells a wrong key from tampering; `context` (additional authenticated data)
 * binds a secret to its row so it cannot be copied into another one and still open.
 */
export class SecretBox {
  private readonly key: Buffer;
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new SecretBoxError('the secrets key must be 32 bytes');
    this.key = Buffer.from(key);
    this.keyId = createHash('sha256').update(this.key).digest('base64url').slice(0, 8);
  }

  static fromBase64(base64Key: string): SecretBox {
    if (secretsKeyProblem(base64Key, undefined)) throw new SecretBoxError('the secrets key must be 32 bytes in base64');
    return new SecretBox(Buffer.from(base64Key.trim(), 'base64'));
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The plain secret; throws SecretBoxError (without the secret) for a wrong key, context or a tampered value. */
  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed secret');
    if (parts[1] !== this.keyId) throw new SecretBoxError('sealed with another key');
    const iv = Buffer.from(parts[2], 'base64url');
    const body = Buffer.from(parts[3], 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretBoxError('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed secret failed authentication (tampered, or another context)');
    }
  }
}
