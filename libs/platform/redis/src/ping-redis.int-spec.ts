import { createServer, Server } from 'node:net';
import { createRedis, pingRedis } from './create-redis';

const redisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/15';

/** A port where nothing listens: bound, then closed. */
async function deadPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('pingRedis', () => {
  it('answers against the real Redis and fails fast when Redis is unreachable', async () => {
    const live = createRedis(redisUrl, { name: 'leadx-ping-test', lazyConnect: true });
    const dead = createRedis(`redis://127.0.0.1:${await deadPort()}/0`, { lazyConnect: true, enableOfflineQueue: false });
    try {
      await expect(pingRedis(live, 1_000)).resolves.toBeUndefined();
      expect(live.status).toBe('ready');

      const started = Date.now();
      await expect(pingRedis(dead, 1_000)).rejects.toThrow();
      await expect(pingRedis(dead, 1_000)).rejects.toThrow(/not connected|timed out/);
      expect(Date.now() - started).toBeLessThan(2_500);
      // Commands fail rather than wait for a Redis that is not there.
      await expect(dead.get('k')).rejects.toThrow();
    } finally {
      live.disconnect();
      dead.disconnect();
    }
  });
});
