import { DynamicModule, Module } from '@nestjs/common';
import { DistributeLeadConsumer } from './events/distribute-lead.consumer';
import { ScheduledDistributionWorker } from './workers/scheduled-distribution.worker';

@Module({})
export class ScannerModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return { module: ScannerModule, imports: [infrastructure], providers: [DistributeLeadConsumer, ScheduledDistributionWorker] };
  }
}
