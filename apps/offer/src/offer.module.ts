import { DynamicModule, Module } from '@nestjs/common';

/** Runs with its infrastructure, health and metrics; its API arrives with issue 6 (client offers and consent records). */
@Module({})
export class OfferModule {
  static with(infrastructure: DynamicModule): DynamicModule {
    return { module: OfferModule, imports: [infrastructure] };
  }
}
