import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConsumerTuning, RunningService, runService } from '@leadx/platform-runtime';
import { DeliveryWorkerModule } from './delivery-worker.module';
import { DeliveryWorkerConfig } from './config/delivery-worker.config';

export function startDeliveryWorker(config: DeliveryWorkerConfig, tuning?: ConsumerTuning): Promise<RunningService> {
  return runService({
    service: 'delivery-worker',
    config,
    entities: [],
    consumerGroupId: 'delivery-worker',
    consumer: tuning,
    appModule: (infrastructure) => DeliveryWorkerModule.with(infrastructure),
    // The delivery routes take JSON bodies (PostString/Response may be large buyer payloads).
    configureApp: (app) => {
      (app as NestExpressApplication).useBodyParser('json', { limit: '2mb' });
    },
  });
}
