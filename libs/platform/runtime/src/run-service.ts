import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '@leadx/platform-observability';
import { InfrastructureModule } from './infrastructure.module';
import { closeInfrastructure, createInfrastructure, InfrastructureOptions, ServiceInfrastructure } from './service-infrastructure';

export interface RunServiceOptions extends InfrastructureOptions {
  /** The app's root module, given the infrastructure module to import. */
  appModule: (infrastructure: DynamicModule) => Type<unknown> | DynamicModule;
  /** Adjusts the Nest app before it listens (body parsers, filters, swagger). */
  configureApp?: (app: INestApplication, infra: ServiceInfrastructure) => void | Promise<void>;
}

export interface RunningService {
  app: INestApplication;
  infra: ServiceInfrastructure;
  /** Base URL the HTTP server listens on. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts one service: infrastructure, the Nest app with its controllers and event handlers,
 * the HTTP listener, the outbox relay and the consumer. Used by each app's main.ts and by the
 * end-to-end tests, so tests run exactly what production runs.
 */
export async function runService(opts: RunServiceOptions): Promise<RunningService> {
  const infra = await createInfrastructure(opts);
  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(opts.appModule(InfrastructureModule.forService(infra)) as Type<unknown>, {
      logger: new PinoNestLogger(infra.logger),
      bodyParser: false,
      abortOnError: false,
    });
    await opts.configureApp?.(app, infra);
    await app.listen(infra.config.PORT, '0.0.0.0');
    await infra.relay.start();
    await infra.consumer?.start();
  } catch (err) {
    await closeInfrastructure(infra, async () => app?.close());
    throw err;
  }
  const started = app;
  const address = started.getHttpServer().address() as { port: number };
  let closing: Promise<void> | undefined;
  const running: RunningService = {
    app: started,
    infra,
    url: `http://127.0.0.1:${address.port}`,
    close: () => (closing ??= closeInfrastructure(infra, () => started.close())),
  };
  infra.logger.info({ url: running.url }, `${opts.service} started`);
  return running;
}

/** For main.ts: close gracefully on SIGTERM/SIGINT, bounded by SHUTDOWN_TIMEOUT_MS. */
export function closeOnSignals(running: RunningService, onClosed: () => Promise<void> = async () => undefined): void {
  const shutdown = (signal: string) => {
    running.infra.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      running.infra.logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, running.infra.config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    running
      .close()
      .then(onClosed)
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        running.infra.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** The whole of an app's main(): start, close on signals, exit non-zero when start fails. */
export function runMain(start: () => Promise<RunningService>, telemetry: { shutdown(): Promise<void> }): void {
  start()
    .then((running) => closeOnSignals(running, () => telemetry.shutdown()))
    .catch((err: unknown) => {
      // The logger may not exist yet (bad config): stderr is the only safe place.
      process.stderr.write(`failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    });
}
