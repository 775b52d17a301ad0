import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClientOffersService, ConfigChanges, DeliveryAccountsService, DeliveryMethodsService } from '@leadx/accounts-data-access';
import { SecretBox } from '@leadx/catalog-data-access';
import { SERVICE_CONFIG } from '@leadx/platform-runtime';
import { AccountAdminConfig } from '../../config/account-admin.config';
import { ClientOffersController } from './client-offers.controller';
import { DeliveryAccountsController } from './delivery-accounts.controller';
import { DeliveryMethodsController } from './delivery-methods.controller';

/** Seed 003 delivery accounts and delivery methods, and the client offers extension (seed 000). */
@Module({
  controllers: [DeliveryAccountsController, DeliveryMethodsController, ClientOffersController],
  providers: [
    { provide: DeliveryAccountsService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new DeliveryAccountsService(ds, changes) },
    {
      provide: DeliveryMethodsService,
      inject: [DataSource, ConfigChanges, SERVICE_CONFIG],
      useFactory: (ds: DataSource, changes: ConfigChanges, config: AccountAdminConfig) =>
        new DeliveryMethodsService(ds, changes, {
          urlPolicy: { allowPrivate: config.DELIVERY_URL_ALLOW_PRIVATE },
          secrets: SecretBox.fromBase64(config.SECRETS_ENCRYPTION_KEY),
        }),
    },
    { provide: ClientOffersService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new ClientOffersService(ds, changes) },
  ],
})
export class DeliveryAccountsModule {}
