import { BaseServiceConfig } from '@leadx/platform-config';

export class ScannerConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'scanner';
  override PORT = 3005;
}
