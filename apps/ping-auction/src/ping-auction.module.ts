import { DynamicModule, Module } from '@nestjs/common';

/** Runs with its infrastructure, health and metrics; its API arrives with issue 6 (ping auctions). */
@Module({})
export class PingAuctionModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return { module: PingAuctionModule, imports: [infrastructure] };
  }
}
