import { IsInt, Min } from 'class-validator';
import { BaseServiceConfig } from '@leadx/platform-config';

export class DeliveryWorkerConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'delivery-worker';
  override PORT = 3006;
  /** Timeout of a delivery when the method sets none. */
  @IsInt() @Min(100) DELIVERY_TIMEOUT_MS = 10_000;
}
