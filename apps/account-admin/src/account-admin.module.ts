import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './http/auth/auth.module';
import { DelegatedRoutesModule } from './http/delegated/delegated-routes.module';

/**
 * The Account API v1 (seed 003). One Nest module per area of the seed under http/<area>/, each
 * with thin controllers over services in @leadx/accounts-data-access.
 */
@Module({})
export class AccountAdminModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return {
      module: AccountAdminModule,
      imports: [
        infrastructure,
        AuthModule,
        DelegatedRoutesModule,
        // area modules: one line each
      ],
    };
  }
}
