import { Inject, Injectable, OnModuleInit, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecretBox } from '@leadx/catalog-data-access';
import { DeliverLeadService, LocalDeliverySmsProvider } from '@leadx/delivery-data-access';
import { EventConsumer, Outbox } from '@leadx/platform-messaging';
import { SERVICE_CONFIG } from '@leadx/platform-runtime';
import { DeliveryWorkerConfig } from '../config/delivery-worker.config';

export const DELIVER_LEAD_SERVICE = Symbol('DELIVER_LEAD_SERVICE');

/** One DeliverLeadService for the consumer and the HTTP routes. */
export const deliverLeadServiceProvider: Provider = {
  provide: DELIVER_LEAD_SERVICE,
  inject: [DataSource, Outbox, SERVICE_CONFIG],
  useFactory: (dataSource: DataSource, outbox: Outbox, config: DeliveryWorkerConfig) => {
    const secrets = SecretBox.fromBase64(config.SECRETS_ENCRYPTION_KEY);
    return new DeliverLeadService(dataSource, outbox, {
      timeoutMs: config.DELIVERY_TIMEOUT_MS,
      allowPrivate: config.DELIVERY_URL_ALLOW_PRIVATE,
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
      retryBaseMs: config.DELIVERY_RETRY_BASE_MS,
      openSecret: (sealed, context) => secrets.open(sealed, context),
      sms: new LocalDeliverySmsProvider(),
    });
  },
};

@Injectable()
export class DeliverLeadConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    @Inject(DELIVER_LEAD_SERVICE) private readonly delivery: DeliverLeadService,
  ) {}

  onModuleInit(): void {
    this.consumer.on('distribution.delivery.requested.v1', (e, ctx) => this.delivery.onRequested(e, ctx));
  }
}
