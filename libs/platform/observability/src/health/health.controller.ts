import { Controller, Get, Inject, OnModuleDestroy } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessCheck, withTimeout } from './readiness-check';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
/** Upper bound for any one check, whatever timeout its factory applies: ready answers in ~2 s. */
export const MAX_CHECK_MS = 2_000;

@Controller('health')
export class HealthController implements OnModuleDestroy {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** Liveness: 200 while the process can serve HTTP at all; never looks at dependencies. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every check in parallel; 503 with terminus' shape naming the failing ones. */
  @Get('ready')
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.checks.map((c) => () => this.run(c)));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.checks.map((c) => c.close?.().catch(() => undefined)));
  }

  private async run(c: ReadinessCheck): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(c.name);
    try {
      await withTimeout(c.check(), MAX_CHECK_MS, c.name);
      return session.up();
    } catch (err) {
      return session.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}
