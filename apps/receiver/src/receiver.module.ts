import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import {
  ApiKeyAuthenticator,
  CampaignCapCounter,
  DeliveryWaiter,
  DuplicateCheckQuery,
  DuplicateDetector,
  LeadFieldRulesCache,
  LeadIntakeService,
  LeadUpdateService,
  PingOrderStore,
  RequestStatusQuery,
} from '@leadx/intake-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { REDIS, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { ReceiverConfig } from './config/receiver.config';
import { ApiKeyGuard } from './http/api-key.guard';
import { ConfigCacheInvalidator } from './events/config-cache-invalidator';
import { LeadStatusConsumer } from './events/lead-status.consumer';
import { LeadReceiverController } from './http/lead-receiver.controller';
import { ReturnUrlWorker } from './workers/return-url.worker';

@Module({})
export class ReceiverModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ReceiverModule,
      imports: [infrastructure],
      controllers: [LeadReceiverController],
      providers: [
        ApiKeyGuard,
        LeadStatusConsumer,
        ConfigCacheInvalidator,
        ReturnUrlWorker,
        {
          provide: ApiKeyAuthenticator,
          inject: [DataSource, SERVICE_CONFIG],
          useFactory: (ds: DataSource, config: ReceiverConfig) => new ApiKeyAuthenticator(ds, config.API_KEY_CACHE_MS),
        },
        {
          provide: LeadUpdateService,
          inject: [DataSource, Outbox, LeadFieldRulesCache],
          useFactory: (ds: DataSource, outbox: Outbox, rules: LeadFieldRulesCache) => new LeadUpdateService(ds, outbox, rules),
        },
        { provide: RequestStatusQuery, inject: [DataSource], useFactory: (ds: DataSource) => new RequestStatusQuery(ds) },
        { provide: DeliveryWaiter, inject: [DataSource], useFactory: (ds: DataSource) => new DeliveryWaiter(ds) },
        { provide: DuplicateDetector, inject: [DataSource], useFactory: (ds: DataSource) => new DuplicateDetector(ds) },
        { provide: LeadFieldRulesCache, inject: [DataSource], useFactory: (ds: DataSource) => new LeadFieldRulesCache(ds) },
        {
          provide: DuplicateCheckQuery,
          inject: [DataSource, DuplicateDetector, LeadFieldRulesCache],
          useFactory: (ds: DataSource, dups: DuplicateDetector, rules: LeadFieldRulesCache) => new DuplicateCheckQuery(ds, dups, rules),
        },
        {
          provide: LeadIntakeService,
          inject: [DataSource, Outbox, REDIS, DuplicateDetector, LeadFieldRulesCache],
          useFactory: (ds: DataSource, outbox: Outbox, redis: Redis, dups: DuplicateDetector, rules: LeadFieldRulesCache) =>
            new LeadIntakeService(ds, outbox, new CampaignCapCounter(redis, ds), dups, rules, new PingOrderStore(redis)),
        },
      ],
    };
  }
}
