import { json } from 'express';
import { CATALOG_ENTITIES } from '@leadx/catalog-data-access';
import { LeadEntity } from '@leadx/intake-data-access';
import { ConsumerTuning, RunningService, runService } from '@leadx/platform-runtime';
import { ReceiverConfig } from './config/receiver.config';
import { ReceiverModule } from './receiver.module';

/** Starts the receiver (used by main.ts and the end-to-end tests). */
export function startReceiver(config: ReceiverConfig, tuning?: ConsumerTuning): Promise<RunningService> {
  return runService({
    service: 'receiver',
    config,
    entities: [...CATALOG_ENTITIES, LeadEntity],
    consumerGroupId: 'receiver',
    consumer: tuning,
    appModule: (infrastructure) => ReceiverModule.with(infrastructure),
    configureApp: (app) => {
      app.use(json({ limit: config.MAX_BODY_BYTES }));
    },
  });
}
