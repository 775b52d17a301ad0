import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConsumerTuning, RunningService, runService } from '@leadx/platform-runtime';
import { DeliveryWorkerModule } from './delivery-worker.module';
import { DeliveryWorkerConfig } from './config/delivery-worker.config';

export function startDeliveryWorker(config: DeliveryWorkerConfig, tuning?: ConsumerTuning): Promise<RunningService> {
  // A claim waits for a second pooled connection while the handler's transaction holds one: more
  // concurrent deliveries than the pool can serve twice over could deadlock, so the pool caps it.
  const concurrency = Math.max(1, Math.min(config.DELIVERY_CONCURRENCY, Math.floor((config.DATABASE_POOL_SIZE - 1) / 2)));
  return runService({
    service: 'delivery-worker',
    config,
    entities: [],
    consumerGroupId: 'delivery-worker',
    consumer: { partitionsConsumedConcurrently: concurrency, ...tuning },
    appModule: (infrastructure) => DeliveryWorkerModule.with(infrastructure),
    // The delivery routes take JSON bodies (PostString/Response may be large buyer payloads).
    configureApp: (app) => {
      (app as NestExpressApplication).useBodyParser('json', { limit: '2mb' });
    },
  });
}
