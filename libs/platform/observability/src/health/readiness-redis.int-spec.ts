import type Redis from 'ioredis';
import { createRedis } from '@leadx/platform-redis';
import { TcpProxy } from '../testing/tcp-proxy';
import { getReady, infraEnv, RunningHealthApp, startHealthApp } from '../testing/health-app';
import { waitFor } from '../testing/wait-for';
import { redisCheck } from './checks';

describe('readiness with Redis behind a proxy', () => {
  const target = new URL(infraEnv.redisUrl);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
  let redis: Redis;
  let app: RunningHealthApp;

  beforeAll(async () => {
    const port = await proxy.start();
    const viaProxy = new URL(infraEnv.redisUrl);
    viaProxy.host = `127.0.0.1:${port}`;
    redis = createRedis(viaProxy.toString(), { name: 'leadx-health-test' });
    app = await startHealthApp([redisCheck(redis)]);
  });

  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
    await proxy.cut();
  });

  it('reports not-ready naming redis when Redis is cut off, and ready again when it is back', async () => {
    const before = await waitFor('first ready', async () => {
      const r = await getReady(app.url);
      return r.status === 200 ? r : undefined;
    }, { timeoutMs: 5_000 });
    expect(before.body.info?.['redis']?.status).toBe('up');

    await proxy.cut();
    const down = await waitFor('ready to report 503', async () => {
      const r = await getReady(app.url);
      return r.status === 503 ? r : undefined;
    }, { timeoutMs: 5_000 });
    expect(down.body.error?.['redis']?.status).toBe('down');
    expect(down.elapsedMs).toBeLessThan(2_500);
    // A command issued while Redis is away fails instead of waiting for it.
    await expect(redis.get('leadx:health-test')).rejects.toThrow();

    await proxy.restore();
    const up = await waitFor('ready to report 200 again', async () => {
      const r = await getReady(app.url);
      return r.status === 200 ? r : undefined;
    }, { timeoutMs: 10_000 });
    expect(up.body.info?.['redis']?.status).toBe('up');
    await expect(redis.ping()).resolves.toBe('PONG');
  });
});
