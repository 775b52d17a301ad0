import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReturnUrlDispatcher } from '@leadx/intake-data-access';
import { LOGGER, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { ReceiverConfig } from '../config/receiver.config';

/** Runs the returnURL dispatcher on a timer; a pass in flight finishes before shutdown. */
@Injectable()
export class ReturnUrlWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly dispatcher: ReturnUrlDispatcher;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ReceiverConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.dispatcher = new ReturnUrlDispatcher(dataSource, { policy: { allowPrivate: config.RETURN_URL_ALLOW_PRIVATE } });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.dispatcher
        .runOnce()
        .catch((err: unknown) => this.logger.warn({ err }, 'returnURL dispatch pass failed'))
        .finally(() => (this.running = undefined));
    }, this.config.RETURN_URL_POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
