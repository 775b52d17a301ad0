import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DistributeLeadService } from '@leadx/distribution-data-access';
import { Outbox } from '@leadx/platform-messaging';
import { LOGGER, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { ScannerConfig } from '../config/scanner.config';

/** Releases leads held by source.sendDelay when their time comes (state lives in Postgres). */
@Injectable()
export class ScheduledDistributionWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly distribution: DistributeLeadService;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: ScannerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.distribution = new DistributeLeadService(outbox);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.distribution
        .releaseDue(this.dataSource)
        .catch((err: unknown) => this.logger.warn({ err }, 'scheduled distribution pass failed'))
        .finally(() => (this.running = undefined));
    }, this.config.SCHEDULE_POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
