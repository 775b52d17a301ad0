import type { Logger } from 'pino';

/**
 * Runs `pass` every `intervalMs`, never two at once; `stop()` waits for a pass in flight. For the
 * services' background work that lives in Postgres (schedules, callbacks), so a pass that fails is
 * simply retried by the next one.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pass()
        .catch((err: unknown) => this.logger.warn({ err, task: this.name }, 'periodic task pass failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
