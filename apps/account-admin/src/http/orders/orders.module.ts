import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigChanges, LocalPaymentProvider, OrderPaymentsService, OrdersService, PaymentProvider } from '@leadx/accounts-data-access';
import { OrdersController, PaymentMethodsController } from './orders.controller';

/** Orders and payments. */
@Module({
  controllers: [OrdersController, PaymentMethodsController],
  providers: [
    // The local provider until a real one (Stripe, Authorize.Net …) is configured: bind it here.
    { provide: PaymentProvider, useFactory: () => new LocalPaymentProvider() },
    { provide: OrdersService, inject: [DataSource, ConfigChanges], useFactory: (ds: DataSource, changes: ConfigChanges) => new OrdersService(ds, changes) },
    {
      provide: OrderPaymentsService,
      inject: [DataSource, ConfigChanges, PaymentProvider],
      useFactory: (ds: DataSource, changes: ConfigChanges, provider: PaymentProvider) => new OrderPaymentsService(ds, changes, provider),
    },
  ],
})
export class OrdersModule {}
