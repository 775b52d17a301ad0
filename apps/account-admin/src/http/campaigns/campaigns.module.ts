import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CampaignComplianceService, CampaignsService, ConfigChanges } from '@leadx/accounts-data-access';
import { SecretBox } from '@leadx/catalog-data-access';
import { SERVICE_CONFIG } from '@leadx/platform-runtime';
import { AccountAdminConfig } from '../../config/account-admin.config';
import { CampaignComplianceController } from './campaign-compliance.controller';
import { CampaignsController } from './campaigns.controller';

/** Seed 003 lead source campaigns and the campaign compliance extension (seeds 000 and 004). */
@Module({
  controllers: [CampaignsController, CampaignComplianceController],
  providers: [
    { provide: CampaignsService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new CampaignsService(ds, changes) },
    {
      provide: CampaignComplianceService,
      inject: [DataSource, ConfigChanges, SERVICE_CONFIG],
      // Integration base URLs must be public addresses (SSRF): the compliance service calls them.
      useFactory: (ds: DataSource, changes: ConfigChanges, config: AccountAdminConfig) =>
        new CampaignComplianceService(ds, changes, SecretBox.fromBase64(config.SECRETS_ENCRYPTION_KEY), { allowPrivate: false }),
    },
  ],
})
export class CampaignsModule {}
