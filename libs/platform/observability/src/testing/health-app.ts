import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MetricsController } from '../metrics/metrics.controller';
import { HealthModule } from '../health/health.module';
import { ReadinessCheck } from '../health/readiness-check';

/**
 * Where the test tiers find the real infrastructure: the same variables and defaults as
 * @leadx/platform-testing's testEnv, which platform libs may not import (module boundaries).
 */
export const infraEnv = {
  databaseUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx_test',
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/15',
};

export interface RunningHealthApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** A real Nest app with HealthModule and MetricsController, listening on an ephemeral port. */
export async function startHealthApp(checks: ReadinessCheck[], controllers: Type<unknown>[] = []): Promise<RunningHealthApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [HealthModule.register({ checks })],
    controllers: [MetricsController, ...controllers],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface ReadyAnswer {
  status: number;
  body: { status: string; info?: Record<string, { status: string }>; error?: Record<string, { status: string; message?: string }> };
  elapsedMs: number;
}

export async function getReady(baseUrl: string): Promise<ReadyAnswer> {
  const started = Date.now();
  const res = await fetch(`${baseUrl}/health/ready`);
  const body = (await res.json()) as ReadyAnswer['body'];
  return { status: res.status, body, elapsedMs: Date.now() - started };
}
