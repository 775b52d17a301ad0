import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './http/auth/auth.module';
import { LeadsModule } from './http/leads/leads.module';
import { TwoFactorModule } from './http/two-factor/two-factor.module';
import { UsDataModule } from './http/us-data/us-data.module';
import { CampaignsModule } from './http/campaigns/campaigns.module';
import { ClientsModule } from './http/clients/clients.module';
import { DelegatedRoutesModule } from './http/delegated/delegated-routes.module';
import { DeliveryAccountsModule } from './http/delivery-accounts/delivery-accounts.module';
import { DistributionListsModule } from './http/distribution-lists/distribution-lists.module';
import { LeadTypesModule } from './http/lead-types/lead-types.module';
import { LeadSourcesModule } from './http/lead-sources/lead-sources.module';
import { OrdersModule } from './http/orders/orders.module';

/**
 * The Account API v1 (seed 003). One Nest module per area of the seed under http/<area>/, each
 * with thin controllers over services in @leadx/accounts-data-access.
 */
@Module({})
export class AccountAdminModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: AccountAdminModule,
      imports: [
        infrastructure,
        AuthModule,
        DelegatedRoutesModule,
        // area modules: one line each
        UsDataModule,
        TwoFactorModule,
        LeadsModule,
        LeadSourcesModule,
        CampaignsModule,
        OrdersModule,
        DistributionListsModule,
        ClientsModule,
        LeadTypesModule,
        DeliveryAccountsModule,
      ],
    };
  }
}
