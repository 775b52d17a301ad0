import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { SecretBox } from '@leadx/catalog-data-access';
import { BatchEmailService } from '@leadx/delivery-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { LOGGER, PeriodicTask, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { DeliveryWorkerConfig } from '../config/delivery-worker.config';

/** Sends the queued Batch Email File Delivery leads when their methods' schedules allow (state lives in Postgres). */
@Injectable()
export class BatchEmailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(dataSource: DataSource, outbox: Outbox, @Inject(SERVICE_CONFIG) config: DeliveryWorkerConfig, @Inject(LOGGER) logger: Logger) {
    const secrets = SecretBox.fromBase64(config.SECRETS_ENCRYPTION_KEY);
    const batches = new BatchEmailService(dataSource, outbox, {
      timeoutMs: config.DELIVERY_TIMEOUT_MS,
      allowPrivate: config.DELIVERY_URL_ALLOW_PRIVATE,
      openSecret: (sealed, context) => secrets.open(sealed, context),
    });
    this.task = new PeriodicTask('batch-email', () => batches.runDue(), config.BATCH_EMAIL_POLL_MS, logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
