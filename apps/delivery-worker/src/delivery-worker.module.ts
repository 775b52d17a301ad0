import { DynamicModule, Module } from '@nestjs/common';
import { DeliverLeadConsumer } from './events/deliver-lead.consumer';

@Module({})
export class DeliveryWorkerModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return { module: DeliveryWorkerModule, imports: [infrastructure], providers: [DeliverLeadConsumer] };
  }
}
