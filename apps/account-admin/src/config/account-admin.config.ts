import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@leadx/platform-config';

export class AccountAdminConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'account-admin';
  override PORT = 3002;
  /** Largest JSON body accepted (attachments have their own limit). */
  /** Lifetime of an access token (seed 003: 3600). */
  @IsInt() @Min(1) @Max(86_400) ACCESS_TOKEN_TTL_SECONDS = 3600;
  @IsInt() @Min(1024) @Max(50 * 1024 * 1024) ACCOUNT_API_MAX_BODY_BYTES = 1024 * 1024;
}
