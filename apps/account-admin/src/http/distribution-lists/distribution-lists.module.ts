import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigChanges, DistributionListsService } from '@leadx/accounts-data-access';
import { DistributionListDefinitionsController, DistributionListsController } from './distribution-lists.controller';

/** Distribution lists, their items and client assignments. */
@Module({
  controllers: [DistributionListsController, DistributionListDefinitionsController],
  providers: [
    {
      provide: DistributionListsService,
      inject: [DataSource, ConfigChanges],
      useFactory: (ds: DataSource, changes: ConfigChanges) => new DistributionListsService(ds, changes),
    },
  ],
})
export class DistributionListsModule {}
