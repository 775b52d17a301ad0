import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule, Provider, RequestMethod } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { HTTP_LOGGER, HttpObservabilityMiddleware } from '../http/http-observability';
import { HealthController, READINESS_CHECKS } from './health.controller';
import { ReadinessCheck } from './readiness-check';

export interface HealthModuleOptions {
  checks: ReadinessCheck[];
  /**
   * Apply HttpObservabilityMiddleware (request log line + duration histogram) to every route of
   * the app. Default true.
   */
  httpObservability?: boolean;
  /** Logger for request lines; default Nest's Logger (the app's PinoNestLogger). */
  logger?: Logger;
}

const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

/**
 * `GET /health/live` (always 200 while the process runs) and `GET /health/ready` (200 when every
 * check passes, else 503 naming the failing ones), plus request logging/metrics for every route.
 */
@Module({})
export class HealthModule implements NestModule {
  constructor(@Inject(HEALTH_OPTIONS) private readonly options: HealthModuleOptions) {}

  static register(options: HealthModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: HEALTH_OPTIONS, useValue: options },
      { provide: READINESS_CHECKS, useValue: options.checks },
    ];
    if (options.logger) providers.push({ provide: HTTP_LOGGER, useValue: options.logger });
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers,
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.options.httpObservability === false) return;
    consumer.apply(HttpObservabilityMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
