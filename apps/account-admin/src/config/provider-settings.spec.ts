import { randomBytes } from 'node:crypto';
import { ConfigValidationError, loadConfig } from '@leadx/platform-config';
import { AccountAdminConfig } from './account-admin.config';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TWILIO = { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'twilio-token-secret', TWILIO_FROM: '+15125550199' };
const STRIPE = { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_live_51SecretValue' };

/** The problems a configuration is refused with, or [] when it loads. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(AccountAdminConfig, env);
    return [];
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
}

describe('SMS_PROVIDER and PAYMENT_PROVIDER', () => {
  const nodeEnv = process.env['NODE_ENV'];
  afterEach(() => {
    process.env['NODE_ENV'] = nodeEnv;
  });

  it('default to the local providers outside production, with the public endpoints and usd', () => {
    process.env['NODE_ENV'] = 'development';
    const config = loadConfig(AccountAdminConfig, {});
    expect(config).toMatchObject({
      SMS_PROVIDER: 'local',
      PAYMENT_PROVIDER: 'local',
      TWILIO_BASE_URL: 'https://api.twilio.com',
      STRIPE_BASE_URL: 'https://api.stripe.com',
      PAYMENT_CURRENCY: 'usd',
    });
  });

  describe('with NODE_ENV=production', () => {
    const key = randomBytes(32).toString('base64');
    beforeEach(() => {
      process.env['NODE_ENV'] = 'production';
    });

    it('refuses to start with the local providers, naming both settings and what to choose', () => {
      const problems = problemsOf({ SECRETS_ENCRYPTION_KEY: key });
      expect(problems).toEqual([
        expect.stringMatching(/^SMS_PROVIDER: SMS_PROVIDER is 'local' .*refused when NODE_ENV=production: set it to twilio/),
        expect.stringMatching(/^PAYMENT_PROVIDER: PAYMENT_PROVIDER is 'local' .*refused when NODE_ENV=production: set it to stripe/),
      ]);
      expect(problemsOf({ SECRETS_ENCRYPTION_KEY: key, SMS_PROVIDER: 'local', ...STRIPE })).toEqual([expect.stringMatching(/^SMS_PROVIDER: /)]);
      expect(problemsOf({ SECRETS_ENCRYPTION_KEY: key, ...TWILIO, PAYMENT_PROVIDER: 'local' })).toEqual([expect.stringMatching(/^PAYMENT_PROVIDER: /)]);
    });

    it('requires the chosen real providers credentials, without echoing any value', () => {
      const problems = problemsOf({ SECRETS_ENCRYPTION_KEY: key, SMS_PROVIDER: 'twilio', PAYMENT_PROVIDER: 'stripe', TWILIO_AUTH_TOKEN: 'twilio-token-secret' });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/TWILIO_ACCOUNT_SID is required when SMS_PROVIDER=twilio/),
          expect.stringMatching(/TWILIO_FROM is required when SMS_PROVIDER=twilio/),
          expect.stringMatching(/STRIPE_SECRET_KEY is required when PAYMENT_PROVIDER=stripe/),
        ]),
      );
      expect(problems.join('\n')).not.toMatch(/TWILIO_AUTH_TOKEN|twilio-token-secret/);
      const malformed = problemsOf({ SECRETS_ENCRYPTION_KEY: key, ...TWILIO, ...STRIPE, TWILIO_ACCOUNT_SID: 'not-a-sid', STRIPE_SECRET_KEY: 'pk_live_publishable' });
      expect(malformed).toEqual([expect.stringMatching(/TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits/), expect.stringMatching(/STRIPE_SECRET_KEY must be a Stripe secret/)]);
      expect(malformed.join('\n')).not.toMatch(/not-a-sid|pk_live_publishable/);
    });

    it('starts with Twilio and Stripe configured', () => {
      const config = loadConfig(AccountAdminConfig, { SECRETS_ENCRYPTION_KEY: key, ...TWILIO, ...STRIPE, PAYMENT_CURRENCY: 'eur' });
      expect(config).toMatchObject({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: SID, PAYMENT_PROVIDER: 'stripe', PAYMENT_CURRENCY: 'eur' });
    });
  });

  it('refuses an unknown provider, a currency without cents and a sender that is neither a number nor a messaging service', () => {
    process.env['NODE_ENV'] = 'development';
    expect(problemsOf({ SMS_PROVIDER: 'sns', PAYMENT_PROVIDER: 'paypal' })).toEqual([
      'SMS_PROVIDER: SMS_PROVIDER must be one of local, twilio',
      'PAYMENT_PROVIDER: PAYMENT_PROVIDER must be one of local, stripe',
    ]);
    expect(problemsOf({ PAYMENT_CURRENCY: 'jpy' })).toEqual([expect.stringMatching(/PAYMENT_CURRENCY must be a lower-case ISO 4217 code of a currency with cents/)]);
    expect(problemsOf({ PAYMENT_CURRENCY: 'USD' })).toHaveLength(1);
    expect(problemsOf({ ...TWILIO, TWILIO_FROM: 'LeadX' })).toEqual([expect.stringMatching(/TWILIO_FROM must be an E.164 number/)]);
    expect(problemsOf({ ...TWILIO, TWILIO_FROM: `MG${'a'.repeat(32)}` })).toEqual([]);
    // Credentials are not needed while the local providers are chosen.
    expect(problemsOf({ TWILIO_ACCOUNT_SID: '' })).toEqual([]);
  });
});
