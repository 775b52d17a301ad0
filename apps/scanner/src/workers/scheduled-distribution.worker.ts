import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DistributeLeadService } from '@leadx/distribution-data-access';
import { LOGGER, PeriodicTask, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { ScannerConfig } from '../config/scanner.config';

/** Releases leads held by source.sendDelay when their time comes (state lives in Postgres). */
@Injectable()
export class ScheduledDistributionWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(dataSource: DataSource, distribution: DistributeLeadService, @Inject(SERVICE_CONFIG) config: ScannerConfig, @Inject(LOGGER) logger: Logger) {
    this.task = new PeriodicTask('scheduled-distributions', () => distribution.releaseDue(dataSource), config.SCHEDULE_POLL_MS, logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
