import { DynamicModule, Module } from '@nestjs/common';

/** Runs with its infrastructure, health and metrics; its API arrives with issue 4 (Account API v1). */
@Module({})
export class AccountAdminModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return { module: AccountAdminModule, imports: [infrastructure] };
  }
}
