import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DistributeLeadService, ScanCriteriaEnvironment } from '@leadx/distribution-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { notYetServedController } from '@leadx/platform-runtime';
import { DistributeLeadConsumer } from './events/distribute-lead.consumer';
import { ScheduledDistributionWorker } from './workers/scheduled-distribution.worker';

@Module({})
export class ScannerModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ScannerModule,
      imports: [infrastructure],
      // Seed 003's scanner routes, forwarded by account-admin: their logic arrives with the distribution issue.
      controllers: [notYetServedController('scanner')],
      providers: [
        {
          provide: DistributeLeadService,
          inject: [Outbox, DataSource],
          useFactory: (outbox: Outbox, ds: DataSource) => {
            const environment = new ScanCriteriaEnvironment(ds);
            return new DistributeLeadService(outbox, () => environment.get());
          },
        },
        DistributeLeadConsumer,
        ScheduledDistributionWorker,
      ],
    };
  }
}
