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
  });
}
