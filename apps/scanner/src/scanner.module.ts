import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type Redis from 'ioredis';
import { AccountMaxCounter, DistributeLeadService, RoundRobinTurns, ScanCriteriaEnvironment } from '@leadx/distribution-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { notYetServedController, REDIS } from '@leadx/platform-runtime';
import { DistributeLeadConsumer } from './events/distribute-lead.consumer';
import { SERVED_SCANNER_ROUTES, ScannerRoutesController } from './http/scanner-routes.controller';
import { ScheduledDistributionWorker } from './workers/scheduled-distribution.worker';

@Module({})
export class ScannerModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ScannerModule,
      imports: [infrastructure],
      // Seed 003's scanner routes, forwarded by account-admin; any not served here still answers 501.
      controllers: [ScannerRoutesController, notYetServedController('scanner', (r) => !SERVED_SCANNER_ROUTES.includes(r.path))],
      providers: [
        {
          provide: DistributeLeadService,
          inject: [Outbox, DataSource, REDIS],
          useFactory: (outbox: Outbox, ds: DataSource, redis: Redis) => {
            const environment = new ScanCriteriaEnvironment(ds);
            return new DistributeLeadService(outbox, () => environment.get(), { maxes: new AccountMaxCounter(redis), turns: new RoundRobinTurns(redis) });
          },
        },
        DistributeLeadConsumer,
        ScheduledDistributionWorker,
      ],
    };
  }
}
