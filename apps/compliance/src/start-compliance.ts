import { ConsumerTuning, RunningService, runService } from '@leadx/platform-runtime';
import { ComplianceModule } from './compliance.module';
import { ComplianceConfig } from './config/compliance.config';

export function startCompliance(config: ComplianceConfig, tuning?: ConsumerTuning): Promise<RunningService> {
  return runService({
    service: 'compliance',
    config,
    entities: [],
    consumerGroupId: 'compliance',
    consumer: tuning,
    appModule: (infrastructure) => ComplianceModule.with(infrastructure),
  });
}
