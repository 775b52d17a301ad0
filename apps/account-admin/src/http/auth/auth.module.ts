import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AccessTokenStore, ApiClientStore, ConfigChanges } from '@leadx/accounts-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { REDIS, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { AccountAdminConfig } from '../../config/account-admin.config';
import { BearerGuard } from '../common/bearer.guard';
import { ApiClientsController } from './api-clients.controller';
import { TokenController } from './token.controller';

/** Tokens, API clients and the pieces every area module uses (guard, config-change recorder). */
@Global()
@Module({
  controllers: [TokenController, ApiClientsController],
  providers: [
    BearerGuard,
    { provide: ApiClientStore, inject: [DataSource], useFactory: (ds: DataSource) => new ApiClientStore(ds) },
    {
      provide: AccessTokenStore,
      inject: [REDIS, SERVICE_CONFIG],
      useFactory: (redis: Redis, config: AccountAdminConfig) => new AccessTokenStore(redis, config.ACCESS_TOKEN_TTL_SECONDS),
    },
    { provide: ConfigChanges, inject: [Outbox], useFactory: (outbox: Outbox) => new ConfigChanges(outbox) },
  ],
  exports: [BearerGuard, ApiClientStore, AccessTokenStore, ConfigChanges],
})
export class AuthModule {}
