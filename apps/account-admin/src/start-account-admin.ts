import type { NestExpressApplication } from '@nestjs/platform-express';
import { CATALOG_ENTITIES } from '@leadx/catalog-data-access';
import { RunningService, runService } from '@leadx/platform-runtime';
import { AccountAdminConfig } from './config/account-admin.config';
import { AccountAdminModule } from './account-admin.module';
import { AccountApiExceptionFilter } from './http/common/account-api-exception.filter';
import { accountApiValidationPipe } from './http/common/account-api.validation';
import { setUpAccountApiOpenApi } from './http/account-admin-openapi';

/** Starts the Account API (used by main.ts and the tests). */
export function startAccountAdmin(config: AccountAdminConfig): Promise<RunningService> {
  return runService({
    service: 'account-admin',
    config,
    entities: [...CATALOG_ENTITIES],
    appModule: (infrastructure) => AccountAdminModule.with(infrastructure),
    configureApp: (nestApp, infra) => {
      const app = nestApp as NestExpressApplication;
      app.useBodyParser('json', { limit: config.ACCOUNT_API_MAX_BODY_BYTES });
      // RFC 6749 token requests are form-encoded; the seed's are JSON. Both are accepted.
      app.useBodyParser('urlencoded', { limit: 16 * 1024, extended: false });
      app.useGlobalFilters(new AccountApiExceptionFilter(infra.logger));
      app.useGlobalPipes(accountApiValidationPipe());
      setUpAccountApiOpenApi(app);
    },
  });
}
