import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliverLeadService } from '@leadx/delivery-data-access';
import { EventConsumer, Outbox } from '@leadx/platform-messaging';
import { SERVICE_CONFIG } from '@leadx/platform-runtime';
import { DeliveryWorkerConfig } from '../config/delivery-worker.config';

@Injectable()
export class DeliverLeadConsumer implements OnModuleInit {
  private readonly delivery: DeliverLeadService;

  constructor(
    private readonly consumer: EventConsumer,
    dataSource: DataSource,
    outbox: Outbox,
    @Inject(SERVICE_CONFIG) config: DeliveryWorkerConfig,
  ) {
    this.delivery = new DeliverLeadService(dataSource, outbox, config.DELIVERY_TIMEOUT_MS);
  }

  onModuleInit(): void {
    this.consumer.on('distribution.delivery.requested.v1', (e, ctx) => this.delivery.onRequested(e, ctx));
  }
}
