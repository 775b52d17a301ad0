import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@leadx/platform-config';

export class AccountAdminConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'account-admin';
  override PORT = 3002;
  /** Lifetime of an access token (seed 003: 3600). */
  @IsInt() @Min(1) @Max(86_400) ACCESS_TOKEN_TTL_SECONDS = 3600;
  /** Largest JSON body accepted (attachments have their own limit). */
  @IsInt() @Min(1024) @Max(50 * 1024 * 1024) ACCOUNT_API_MAX_BODY_BYTES = 1024 * 1024;
  /** Where account-admin forwards the seed's scanner routes (DELEGATED_ACCOUNT_ROUTES). */
  @IsUrl({ require_tld: false }) SCANNER_URL = 'http://127.0.0.1:3005';
  /** Where account-admin forwards the seed's delivery routes. */
  @IsUrl({ require_tld: false }) DELIVERY_WORKER_URL = 'http://127.0.0.1:3006';
  @IsInt() @Min(100) DELEGATE_TIMEOUT_MS = 30_000;
}
