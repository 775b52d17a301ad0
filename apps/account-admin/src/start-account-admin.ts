import { RunningService, runService } from '@leadx/platform-runtime';
import { AccountAdminConfig } from './config/account-admin.config';
import { AccountAdminModule } from './account-admin.module';

export function startAccountAdmin(config: AccountAdminConfig): Promise<RunningService> {
  return runService({
    service: 'account-admin',
    config,
    entities: [],
    appModule: (infrastructure) => AccountAdminModule.with(infrastructure),
  });
}
