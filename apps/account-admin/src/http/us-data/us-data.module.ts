import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsDataService } from '@leadx/accounts-data-access';
import { UsZipDirectory } from '@leadx/catalog-data-access';
import { UsDataController } from './us-data.controller';

/** Seed 003 US states and zip codes. */
@Module({
  controllers: [UsDataController],
  providers: [{ provide: UsDataService, inject: [DataSource], useFactory: (ds: DataSource) => new UsDataService(new UsZipDirectory(ds)) }],
})
export class UsDataModule {}
