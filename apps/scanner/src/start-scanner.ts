import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConsumerTuning, RunningService, runService } from '@leadx/platform-runtime';
import { ScannerModule } from './scanner.module';
import { ScannerConfig } from './config/scanner.config';

export function startScanner(config: ScannerConfig, tuning?: ConsumerTuning): Promise<RunningService> {
  return runService({
    service: 'scanner',
    config,
    entities: [],
    consumerGroupId: 'scanner',
    consumer: tuning,
    appModule: (infrastructure) => ScannerModule.with(infrastructure),
    // The scanner routes take small JSON bodies (services start with bodyParser off).
    configureApp: (app) => {
      (app as NestExpressApplication).useBodyParser('json', { limit: 64 * 1024 });
    },
  });
}
