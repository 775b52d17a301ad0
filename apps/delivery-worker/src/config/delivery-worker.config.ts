import { IsBoolean, IsIn, IsInt, Max, Min, ValidateBy } from 'class-validator';
import { DEVELOPMENT_SECRETS_KEY, secretsKeyProblem } from '@leadx/catalog-data-access';
import { BaseServiceConfig } from '@leadx/platform-config';

export class DeliveryWorkerConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'delivery-worker';
  override PORT = 3006;
  /** Timeout of a delivery when the method sets none. */
  @IsInt() @Min(100) DELIVERY_TIMEOUT_MS = 10_000;
  /** Loopback and private buyer addresses may be called: development and tests only. */
  @IsBoolean() DELIVERY_URL_ALLOW_PRIVATE = false;
  /** Attempts per method while the buyer certainly did not get the lead (refused, 5xx). */
  @IsInt() @Min(1) @Max(10) DELIVERY_MAX_ATTEMPTS = 3;
  /** Backoff before the second attempt; doubles after. */
  @IsInt() @Min(0) DELIVERY_RETRY_BASE_MS = 250;
  /**
   * Partitions of the delivery topic delivered at the same time (one lead at a time per partition,
   * so per-key order holds). Each in-flight delivery holds two pooled connections (its transaction
   * and the committed claim), so the worker uses at most (DATABASE_POOL_SIZE − 1) / 2 of them.
   */
  @IsInt() @Min(1) @Max(32) DELIVERY_CONCURRENCY = 4;
  /** How often queued Batch Email File Delivery leads are checked against their methods' delivery days. */
  @IsInt() @Min(1_000) BATCH_EMAIL_POLL_MS = 60_000;
  /**
   * 32 random bytes in base64 opening the SMTP/FTP passwords account-admin sealed (SecretBox): the
   * same key as account-admin's. The development key is refused in production.
   */
  @ValidateBy({ name: 'isSecretsKey', validator: { validate: (v: unknown) => !secretsKeyProblem(v, process.env['NODE_ENV']) } }, {
    message: (args) => `SECRETS_ENCRYPTION_KEY ${secretsKeyProblem(args.value, process.env['NODE_ENV']) ?? 'is invalid'}`,
  })
  SECRETS_ENCRYPTION_KEY = DEVELOPMENT_SECRETS_KEY;
  /** Who sends SMS Notification deliveries: 'local' records them in memory and sends nothing (no gateway is wired yet). */
  @IsIn(['local']) DELIVERY_SMS_PROVIDER = 'local' as const;
}
