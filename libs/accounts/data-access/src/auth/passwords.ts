import { hash, verify } from '@node-rs/argon2';

/**
 * Client and lead-source portal passwords: argon2id (OWASP's first choice) through @node-rs/argon2,
 * chosen over `argon2`/`bcrypt` because it ships prebuilt binaries (no node-gyp at npm ci) and
 * over bcryptjs because bcrypt truncates at 72 bytes. The hash embeds its own salt and parameters.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
