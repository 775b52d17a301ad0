import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigChanges, DuplicateSetsService, LeadCategoriesService, LeadTypeFieldsService, LeadTypesService } from '@leadx/accounts-data-access';
import { CampaignCategoryController, LeadTypesController } from './lead-types.controller';
import { LeadTypesExtensionController } from './lead-types-extension.controller';

const withChanges = <T>(make: (ds: DataSource, changes: ConfigChanges) => T) => ({ inject: [DataSource, ConfigChanges], useFactory: make });

/** Lead types, their fields, duplicate sets and categories, and the campaign category assignment. */
@Module({
  controllers: [LeadTypesController, CampaignCategoryController, LeadTypesExtensionController],
  providers: [
    { provide: LeadTypesService, ...withChanges((ds, c) => new LeadTypesService(ds, c)) },
    { provide: LeadTypeFieldsService, ...withChanges((ds, c) => new LeadTypeFieldsService(ds, c)) },
    { provide: DuplicateSetsService, ...withChanges((ds, c) => new DuplicateSetsService(ds, c)) },
    { provide: LeadCategoriesService, ...withChanges((ds, c) => new LeadCategoriesService(ds, c)) },
  ],
})
export class LeadTypesModule {}
