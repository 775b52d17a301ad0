import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ActiveClientsService, ClientFieldsService, ClientGroupsService, ClientLoginThrottle, ClientsService, ConfigChanges } from '@leadx/accounts-data-access';
import { REDIS } from '@leadx/platform-runtime';
import { ClientFieldDefinitionsController, ClientFieldsController } from './client-fields.controller';
import { ClientGroupsController } from './client-groups.controller';
import { ClientsController } from './clients.controller';

/** Seed 003 "Clients" (records, groups, fields, login) and the client field definitions extension. */
@Module({
  controllers: [ClientsController, ClientGroupsController, ClientFieldsController, ClientFieldDefinitionsController],
  providers: [
    { provide: ClientFieldsService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new ClientFieldsService(ds, changes) },
    {
      provide: ClientsService,
      inject: [DataSource, ConfigChanges, ClientFieldsService],
      useFactory: (ds: DataSource, changes: ConfigChanges, fields: ClientFieldsService) => new ClientsService(ds, changes, fields),
    },
    { provide: ClientGroupsService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new ClientGroupsService(ds, changes) },
    { provide: ActiveClientsService, inject: [DataSource], useFactory: (ds: DataSource) => new ActiveClientsService(ds) },
    { provide: ClientLoginThrottle, inject: [REDIS], useFactory: (redis: Redis) => new ClientLoginThrottle(redis) },
  ],
})
export class ClientsModule {}
