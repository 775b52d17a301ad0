import { RunningService, runService } from '@leadx/platform-runtime';
import { PingAuctionConfig } from './config/ping-auction.config';
import { PingAuctionModule } from './ping-auction.module';

export function startPingAuction(config: PingAuctionConfig): Promise<RunningService> {
  return runService({
    service: 'ping-auction',
    config,
    entities: [],
    appModule: (infrastructure) => PingAuctionModule.with(infrastructure),
  });
}
