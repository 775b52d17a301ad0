import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_SECRETS_KEY } from '@leadx/catalog-data-access';
import { ConfigValidationError, loadConfig } from '@leadx/platform-config';
import { AccountAdminConfig } from './account-admin.config';

describe('SECRETS_ENCRYPTION_KEY', () => {
  const nodeEnv = process.env['NODE_ENV'];
  afterEach(() => {
    process.env['NODE_ENV'] = nodeEnv;
  });

  it('defaults to the public development key outside production', () => {
    process.env['NODE_ENV'] = 'development';
    expect(loadConfig(AccountAdminConfig, {}).SECRETS_ENCRYPTION_KEY).toBe(DEVELOPMENT_SECRETS_KEY);
  });

  it('refuses to start in production with the development key, without echoing it', () => {
    process.env['NODE_ENV'] = 'production';
    expect(() => loadConfig(AccountAdminConfig, {})).toThrow(ConfigValidationError);
    const error = (() => {
      try {
        loadConfig(AccountAdminConfig, { SECRETS_ENCRYPTION_KEY: DEVELOPMENT_SECRETS_KEY });
        return undefined;
      } catch (err) {
        return err as Error;
      }
    })();
    expect(error?.message).toMatch(/SECRETS_ENCRYPTION_KEY is the public development key/);
    expect(error?.message).not.toContain(DEVELOPMENT_SECRETS_KEY);
    const key = randomBytes(32).toString('base64');
    // Production also requires real providers (provider-settings.spec.ts).
    const providers = {
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15125550199',
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_live_x',
    };
    expect(loadConfig(AccountAdminConfig, { SECRETS_ENCRYPTION_KEY: key, ...providers }).SECRETS_ENCRYPTION_KEY).toBe(key);
  });

  it('refuses a key that is not 32 bytes of base64', () => {
    expect(() => loadConfig(AccountAdminConfig, { SECRETS_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/SECRETS_ENCRYPTION_KEY must be 32 random bytes/);
  });
});
