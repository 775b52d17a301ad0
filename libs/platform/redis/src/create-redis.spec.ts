import { createRedis, redisRetryDelay } from './create-redis';

describe('createRedis', () => {
  it('fails commands fast and caps the reconnect delay at 2 s', () => {
    const redis = createRedis('redis://127.0.0.1:6379/3', { name: 'svc name', lazyConnect: true, enableOfflineQueue: false });
    try {
      expect(redis.status).toBe('wait');
      expect(redis.options.maxRetriesPerRequest).toBeLessThanOrEqual(3);
      expect(redis.options.enableOfflineQueue).toBe(false);
      expect(redis.options.connectionName).toBe('svc_name');
      expect(redis.options.db).toBe(3);
      expect(redisRetryDelay(1)).toBe(100);
      expect(redisRetryDelay(5)).toBe(500);
      expect(redisRetryDelay(10_000)).toBe(2_000);
      expect(redis.options.retryStrategy?.(50)).toBe(2_000);
    } finally {
      redis.disconnect();
    }
  });
});
