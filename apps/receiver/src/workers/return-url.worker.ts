import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReturnUrlDispatcher } from '@leadx/intake-data-access';
import { LOGGER, PeriodicTask, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { ReceiverConfig } from '../config/receiver.config';

/** Sends due returnURL callbacks on a timer (their state lives in Postgres). */
@Injectable()
export class ReturnUrlWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(dataSource: DataSource, @Inject(SERVICE_CONFIG) config: ReceiverConfig, @Inject(LOGGER) logger: Logger) {
    const dispatcher = new ReturnUrlDispatcher(dataSource, { policy: { allowPrivate: config.RETURN_URL_ALLOW_PRIVATE } });
    this.task = new PeriodicTask('return-url-callbacks', () => dispatcher.runOnce(), config.RETURN_URL_POLL_MS, logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
