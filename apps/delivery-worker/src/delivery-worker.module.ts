import { DynamicModule, Module } from '@nestjs/common';
import { DeliverLeadConsumer, deliverLeadServiceProvider } from './events/deliver-lead.consumer';
import { DeliveryRoutesController } from './http/delivery-routes.controller';
import { BatchEmailWorker } from './workers/batch-email.worker';

@Module({})
export class DeliveryWorkerModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: DeliveryWorkerModule,
      imports: [infrastructure],
      // Every seed 003 delivery route (DELEGATED_ACCOUNT_ROUTES) is served here, so no 501 stub.
      controllers: [DeliveryRoutesController],
      providers: [deliverLeadServiceProvider, DeliverLeadConsumer, BatchEmailWorker],
    };
  }
}
