import { BaseServiceConfig } from '@leadx/platform-config';

export class AccountAdminConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'account-admin';
  override PORT = 3002;
}
