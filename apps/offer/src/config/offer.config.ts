import { BaseServiceConfig } from '@leadx/platform-config';

export class OfferConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'offer';
  override PORT = 3004;
}
