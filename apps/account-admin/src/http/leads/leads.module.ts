import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import {
  LeadAnalyticsService,
  LeadAttachmentsService,
  LeadContactRemovalService,
  LeadDeletionService,
  LeadSearchService,
} from '@leadx/accounts-data-access';
import { LOGGER } from '@leadx/platform-runtime';
import { LeadDeletionWorker } from './lead-deletion.worker';
import { LeadsController } from './leads.controller';

/** Seed 003 lead operations and the worker that purges deleted leads. */
@Module({
  controllers: [LeadsController],
  providers: [
    { provide: LeadSearchService, inject: [DataSource], useFactory: (ds: DataSource) => new LeadSearchService(ds) },
    { provide: LeadAnalyticsService, inject: [DataSource], useFactory: (ds: DataSource) => new LeadAnalyticsService(ds) },
    { provide: LeadAttachmentsService, inject: [DataSource], useFactory: (ds: DataSource) => new LeadAttachmentsService(ds) },
    { provide: LeadContactRemovalService, inject: [DataSource], useFactory: (ds: DataSource) => new LeadContactRemovalService(ds) },
    { provide: LeadDeletionService, inject: [DataSource, LOGGER], useFactory: (ds: DataSource, logger: Logger) => new LeadDeletionService(ds, logger) },
    LeadDeletionWorker,
  ],
})
export class LeadsModule {}
