import { DynamicModule, Module } from '@nestjs/common';
import { ScreenLeadConsumer } from './events/screen-lead.consumer';

@Module({})
export class ComplianceModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return { module: ComplianceModule, imports: [infrastructure], providers: [ScreenLeadConsumer] };
  }
}
