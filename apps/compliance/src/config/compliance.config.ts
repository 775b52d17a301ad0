import { BaseServiceConfig } from '@leadx/platform-config';

export class ComplianceConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'compliance';
  override PORT = 3007;
}
