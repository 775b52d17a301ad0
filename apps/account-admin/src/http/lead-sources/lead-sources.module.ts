import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigChanges, LeadSourceApiKeysService, LeadSourcesService } from '@leadx/accounts-data-access';
import { LeadSourceApiKeysController } from './lead-source-api-keys.controller';
import { LeadSourcesController } from './lead-sources.controller';

/** Seed 003 "Lead Sources" and the lead-source api-keys extension (seed 000). */
@Module({
  controllers: [LeadSourcesController, LeadSourceApiKeysController],
  providers: [
    { provide: LeadSourcesService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new LeadSourcesService(ds, changes) },
    { provide: LeadSourceApiKeysService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new LeadSourceApiKeysService(ds, changes) },
  ],
})
export class LeadSourcesModule {}
