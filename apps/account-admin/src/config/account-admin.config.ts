import { IsBoolean, IsInt, IsUrl, Matches, Max, Min, ValidateBy } from 'class-validator';
import { DEVELOPMENT_SECRETS_KEY, secretsKeyProblem } from '@leadx/catalog-data-access';
import { BaseServiceConfig } from '@leadx/platform-config';
import { IsProviderChoice, IsTwoDecimalCurrency, PAYMENT_PROVIDERS, RequiredForProvider, SMS_PROVIDERS } from './provider-settings';

export class AccountAdminConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'account-admin';
  override PORT = 3002;
  /** Lifetime of an access token (seed 003: 3600). */
  @IsInt() @Min(1) @Max(86_400) ACCESS_TOKEN_TTL_SECONDS = 3600;
  /** Largest JSON body accepted (attachments have their own limit). */
  @IsInt() @Min(1024) @Max(50 * 1024 * 1024) ACCOUNT_API_MAX_BODY_BYTES = 1024 * 1024;
  /** Largest lead attachment in bytes, decoded (its base64, 4/3 larger, must fit ACCOUNT_API_MAX_BODY_BYTES). */
  @IsInt() @Min(1) @Max(50 * 1024 * 1024) LEAD_ATTACHMENT_MAX_BYTES = 512 * 1024;
  /** Where account-admin forwards the seed's scanner routes (DELEGATED_ACCOUNT_ROUTES). */
  @IsUrl({ require_tld: false }) SCANNER_URL = 'http://127.0.0.1:3005';
  /** Where account-admin forwards the seed's delivery routes. */
  @IsUrl({ require_tld: false }) DELIVERY_WORKER_URL = 'http://127.0.0.1:3006';
  @IsInt() @Min(100) DELEGATE_TIMEOUT_MS = 30_000;
  /** Let delivery methods send to loopback/private networks (SSRF check off). Local development and tests only. */
  @IsBoolean() DELIVERY_URL_ALLOW_PRIVATE = false;
  /**
   * 32 random bytes in base64 sealing stored third-party secrets (SecretBox; e.g. `openssl rand
   * -base64 32`). The default is the public development key, refused when NODE_ENV=production.
   */
  @ValidateBy({ name: 'isSecretsKey', validator: { validate: (v: unknown) => !secretsKeyProblem(v, process.env['NODE_ENV']) } }, {
    message: (args) => `SECRETS_ENCRYPTION_KEY ${secretsKeyProblem(args.value, process.env['NODE_ENV']) ?? 'is invalid'}`,
  })
  SECRETS_ENCRYPTION_KEY = DEVELOPMENT_SECRETS_KEY;

  /** Who sends 2FA SMS: 'local' (records in memory, sends nothing; refused in production) or 'twilio'. */
  @IsProviderChoice(SMS_PROVIDERS) SMS_PROVIDER: (typeof SMS_PROVIDERS)[number] = 'local';
  @RequiredForProvider('SMS_PROVIDER', 'twilio', Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits' }))
  TWILIO_ACCOUNT_SID = '';
  @RequiredForProvider('SMS_PROVIDER', 'twilio') TWILIO_AUTH_TOKEN = '';
  /** Sender: an E.164 number, or a Messaging Service SID (MG…). */
  @RequiredForProvider('SMS_PROVIDER', 'twilio', Matches(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, { message: 'TWILIO_FROM must be an E.164 number (+15125550100) or a Messaging Service SID (MG…)' }))
  TWILIO_FROM = '';
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) TWILIO_BASE_URL = 'https://api.twilio.com';
  @IsInt() @Min(100) @Max(60_000) SMS_PROVIDER_TIMEOUT_MS = 10_000;

  /** Who charges Run Payment: 'local' (deterministic test provider; refused in production) or 'stripe'. */
  @IsProviderChoice(PAYMENT_PROVIDERS) PAYMENT_PROVIDER: (typeof PAYMENT_PROVIDERS)[number] = 'local';
  @RequiredForProvider('PAYMENT_PROVIDER', 'stripe', Matches(/^(sk|rk)_(live|test)_\S+$/, { message: 'STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_… / rk_…)' }))
  STRIPE_SECRET_KEY = '';
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) STRIPE_BASE_URL = 'https://api.stripe.com';
  /** Currency of Run Payment charges (Stripe); amounts are sent in cents. */
  @IsTwoDecimalCurrency() PAYMENT_CURRENCY = 'usd';
  @IsInt() @Min(100) @Max(120_000) PAYMENT_PROVIDER_TIMEOUT_MS = 30_000;
}
