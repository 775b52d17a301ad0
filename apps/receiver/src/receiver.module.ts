import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyAuthenticator, LeadIntakeService } from '@leadx/intake-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { SERVICE_CONFIG } from '@leadx/platform-runtime';
import { ReceiverConfig } from './config/receiver.config';
import { ApiKeyGuard } from './http/api-key.guard';
import { LeadStatusConsumer } from './events/lead-status.consumer';
import { InsertGeneralController } from './http/insert-general.controller';

@Module({})
export class ReceiverModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ReceiverModule,
      imports: [infrastructure],
      controllers: [InsertGeneralController],
      providers: [
        ApiKeyGuard,
        LeadStatusConsumer,
        {
          provide: ApiKeyAuthenticator,
          inject: [DataSource, SERVICE_CONFIG],
          useFactory: (ds: DataSource, config: ReceiverConfig) => new ApiKeyAuthenticator(ds, config.API_KEY_CACHE_MS),
        },
        { provide: LeadIntakeService, inject: [DataSource, Outbox], useFactory: (ds: DataSource, outbox: Outbox) => new LeadIntakeService(ds, outbox) },
      ],
    };
  }
}
