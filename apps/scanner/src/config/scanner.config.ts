import { IsInt, Min } from 'class-validator';
import { BaseServiceConfig } from '@leadx/platform-config';

export class ScannerConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'scanner';
  override PORT = 3005;
  /** How often leads held by source.sendDelay are checked for release. */
  @IsInt() @Min(50) SCHEDULE_POLL_MS = 1_000;
}
