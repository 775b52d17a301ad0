import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_SECRETS_KEY, SecretBox, SecretBoxError, secretsKeyProblem } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret, with a fresh IV each time and no plain text in the sealed form', () => {
    const a = box.seal('pcid-token-123', 'compliance_integration:7');
    const b = box.seal('pcid-token-123', 'compliance_integration:7');
    expect(a).not.toBe(b);
    expect(a).not.toContain('pcid-token-123');
    expect(a).toMatch(/^sb1\./);
    expect(box.open(a, 'compliance_integration:7')).toBe('pcid-token-123');
  });

  it('refuses another context, another key and a tampered value', () => {
    const sealed = box.seal('secret', 'ctx:1');
    expect(() => box.open(sealed, 'ctx:2')).toThrow(SecretBoxError);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'ctx:1')).toThrow(/another key/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'ctx:1')).toThrow(/authentication/);
    expect(() => box.open('garbage', 'ctx:1')).toThrow(SecretBoxError);
  });

  it('checks the configured key: 32 bytes of base64, and never the development key in production', () => {
    expect(secretsKeyProblem(DEVELOPMENT_SECRETS_KEY, 'development')).toBeUndefined();
    expect(secretsKeyProblem(DEVELOPMENT_SECRETS_KEY, 'production')).toMatch(/development key/);
    expect(secretsKeyProblem(randomBytes(32).toString('base64'), 'production')).toBeUndefined();
    expect(secretsKeyProblem(randomBytes(16).toString('base64'), undefined)).toMatch(/32 random bytes/);
    expect(secretsKeyProblem('not base64 at all', undefined)).toBeDefined();
    expect(() => SecretBox.fromBase64('short')).toThrow(SecretBoxError);
    expect(SecretBox.fromBase64(DEVELOPMENT_SECRETS_KEY).keyId).toHaveLength(8);
  });
});
