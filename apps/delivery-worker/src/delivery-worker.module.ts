import { DynamicModule, Module } from '@nestjs/common';
import { notYetServedController } from '@leadx/platform-runtime';
import { DeliverLeadConsumer } from './events/deliver-lead.consumer';

@Module({})
export class DeliveryWorkerModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: DeliveryWorkerModule,
      imports: [infrastructure],
      // Seed 003's delivery routes, forwarded by account-admin: their logic arrives with the distribution issue.
      controllers: [notYetServedController('delivery-worker')],
      providers: [DeliverLeadConsumer],
    };
  }
}
