import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventConsumer, EventPublisher, Outbox } from '@leadx/platform-messaging';
import { HealthModule, kafkaCheck, MetricsController, postgresCheck, redisCheck } from '@leadx/platform-observability';
import { ServiceInfrastructure } from './service-infrastructure';
import { KAFKA, LOGGER, REDIS, SERVICE_CONFIG } from './tokens';

/** Makes one service's infrastructure injectable everywhere, with health and metrics endpoints. */
@Module({})
export class InfrastructureModule {
  static forService(infra: ServiceInfrastructure): DynamicModule {
    const providers = [
      { provide: DataSource, useValue: infra.dataSource },
      { provide: EventPublisher, useValue: infra.publisher },
      { provide: Outbox, useValue: infra.outbox },
      { provide: REDIS, useValue: infra.redis },
      { provide: LOGGER, useValue: infra.logger },
      { provide: SERVICE_CONFIG, useValue: infra.config },
      { provide: KAFKA, useValue: infra.kafka },
      ...(infra.consumer ? [{ provide: EventConsumer, useValue: infra.consumer }] : []),
    ];
    return {
      module: InfrastructureModule,
      global: true,
      imports: [
        HealthModule.register({
          checks: [postgresCheck(infra.dataSource), redisCheck(infra.redis), kafkaCheck(infra.kafka)],
        }),
      ],
      controllers: [MetricsController],
      providers,
      exports: providers.map((p) => p.provide),
    };
  }
}
