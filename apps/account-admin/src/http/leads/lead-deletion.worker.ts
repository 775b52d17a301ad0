import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LeadDeletionService } from '@leadx/accounts-data-access';
import { LOGGER, PeriodicTask } from '@leadx/platform-runtime';

/** How often the worker looks for leads to purge (an indexed look at a small table). */
export const LEAD_PURGE_INTERVAL_MS = 2_000;

/** Purges leads scheduled by DELETE /v1/leads/{LeadUID} (state lives in Postgres: replicas share the queue). */
@Injectable()
export class LeadDeletionWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(deletions: LeadDeletionService, @Inject(LOGGER) logger: Logger) {
    this.task = new PeriodicTask('lead-deletions', () => deletions.purgeDue(), LEAD_PURGE_INTERVAL_MS, logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
