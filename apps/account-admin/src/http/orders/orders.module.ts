import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConfigChanges, LocalPaymentProvider, OrderPaymentsService, OrdersService, PaymentProvider, StripePaymentProvider } from '@leadx/accounts-data-access';
import { LOGGER, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { AccountAdminConfig } from '../../config/account-admin.config';
import { OrdersController, PaymentMethodsController } from './orders.controller';

/** The PAYMENT_PROVIDER setting's provider: Stripe, or the deterministic local one (development and tests; refused in production by the config). */
export function paymentProviderOf(config: AccountAdminConfig, logger: Logger): PaymentProvider {
  if (config.PAYMENT_PROVIDER === 'stripe') {
    return new StripePaymentProvider(
      { secretKey: config.STRIPE_SECRET_KEY, baseUrl: config.STRIPE_BASE_URL, currency: config.PAYMENT_CURRENCY, timeoutMs: config.PAYMENT_PROVIDER_TIMEOUT_MS },
      logger,
    );
  }
  return new LocalPaymentProvider();
}

/** Orders and payments. */
@Module({
  controllers: [OrdersController, PaymentMethodsController],
  providers: [
    { provide: PaymentProvider, inject: [SERVICE_CONFIG, LOGGER], useFactory: paymentProviderOf },
    { provide: OrdersService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new OrdersService(ds, changes) },
    {
      provide: OrderPaymentsService,
      inject: [DataSource, ConfigChanges, PaymentProvider],
      useFactory: (ds: DataSource, changes: ConfigChanges, provider: PaymentProvider) => new OrderPaymentsService(ds, changes, provider),
    },
  ],
})
export class OrdersModule {}
