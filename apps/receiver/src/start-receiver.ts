import { CATALOG_ENTITIES } from '@leadx/catalog-data-access';
import { LeadEntity } from '@leadx/intake-data-access';
import { ConsumerTuning, RunningService, runService } from '@leadx/platform-runtime';
import { ReceiverConfig } from './config/receiver.config';
import { ReceiverExceptionFilter } from './http/receiver-exception.filter';
import { setUpReceiverOpenApi } from './http/receiver-openapi';
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
    // No body-parser middleware: handlers read the raw body with a size limit, so malformed or
    // oversized bodies are answered in the seed's shape by the receiver's own filter.
    configureApp: (app, infra) => {
      app.useGlobalFilters(new ReceiverExceptionFilter(infra.logger));
      setUpReceiverOpenApi(app);
    },
  });
}
