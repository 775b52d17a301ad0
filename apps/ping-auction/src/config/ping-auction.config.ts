import { BaseServiceConfig } from '@leadx/platform-config';

export class PingAuctionConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'ping-auction';
  override PORT = 3003;
}
