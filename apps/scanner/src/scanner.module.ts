import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type Redis from 'ioredis';
import { AccountMaxCounter, AccountSnapshot, DistributeLeadService, RoundRobinTurns, ScanCriteriaEnvironment } from '@leadx/distribution-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { notYetServedController, REDIS } from '@leadx/platform-runtime';
import { AccountSnapshotInvalidator } from './events/account-snapshot-invalidator';
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
        // Delivery accounts per lead type, in memory; dropped on a config change (AccountSnapshotInvalidator), 5 s TTL as the backstop.
        { provide: AccountSnapshot, useFactory: () => new AccountSnapshot(5_000) },
        {
          provide: DistributeLeadService,
          inject: [Outbox, DataSource, REDIS, AccountSnapshot],
          useFactory: (outbox: Outbox, ds: DataSource, redis: Redis, snapshot: AccountSnapshot) => {
            const environment = new ScanCriteriaEnvironment(ds);
            return new DistributeLeadService(outbox, () => environment.get(), { maxes: new AccountMaxCounter(redis), turns: new RoundRobinTurns(redis), snapshot });
          },
        },
        AccountSnapshotInvalidator,
        DistributeLeadConsumer,
        ScheduledDistributionWorker,
      ],
    };
  }
}
