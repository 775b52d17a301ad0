import type Redis from 'ioredis';
import type { Admin, Kafka } from 'kafkajs';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { pingRedis } from '@leadx/platform-redis';
import { ReadinessCheck, withTimeout } from './readiness-check';

/** The pg Pool behind a postgres DataSource (typeorm's public `driver.master`). */
function pgPool(dataSource: DataSource): Pool | undefined {
  if (dataSource.options.type !== 'postgres') return undefined;
  const master: unknown = (dataSource.driver as { master?: unknown }).master;
  return master && typeof (master as Pool).connect === 'function' ? (master as Pool) : undefined;
}

/**
 * `SELECT 1` on a pooled connection within `timeoutMs`. A connection whose probe fails or times
 * out is destroyed once it settles, never handed back to the pool, so a dead socket cannot leak
 * into app queries nor pile up through repeated probes.
 */
export function postgresCheck(dataSource: DataSource, timeoutMs = 1000): ReadinessCheck {
  return {
    name: 'postgres',
    async check() {
      if (!dataSource.isInitialized) throw new Error('data source not initialized');
      const pool = pgPool(dataSource);
      if (!pool) {
        await withTimeout(dataSource.query('SELECT 1'), timeoutMs, 'postgres');
        return;
      }
      let client: PoolClient | undefined;
      const work = (async () => {
        client = await pool.connect();
        // pg honours a per-query query_timeout; @types/pg does not declare it.
        const probe: QueryConfig & { query_timeout: number } = { text: 'SELECT 1', query_timeout: timeoutMs };
        await client.query(probe);
      })();
      try {
        await withTimeout(work, timeoutMs, 'postgres');
      } catch (err) {
        const reason = err instanceof Error ? err : new Error(String(err));
        const destroy = () => client?.release(reason);
        work.then(destroy, destroy);
        throw err;
      }
      (client as PoolClient | undefined)?.release();
    },
  };
}

/** PING within `timeoutMs`; fails at once while the client is reconnecting. */
export function redisCheck(redis: Redis, timeoutMs = 1000): ReadinessCheck {
  return { name: 'redis', check: () => pingRedis(redis, timeoutMs) };
}

/**
 * A metadata round trip to a broker (admin `describeCluster()`) within `timeoutMs`. The admin
 * client is created lazily without retries and thrown away after any failure, so the next probe
 * starts from fresh connections: a dead or stale socket can neither hang the probe nor make it
 * answer from before the broker went away.
 */
export function kafkaCheck(kafka: Kafka, timeoutMs = 1500): ReadinessCheck {
  let current: { admin: Admin; connected?: Promise<void> } | undefined;
  let closed = false;
  const drop = (entry: { admin: Admin }) => {
    if (current === entry) current = undefined;
    return entry.admin.disconnect().catch(() => undefined);
  };
  return {
    name: 'kafka',
    async check() {
      if (closed) throw new Error('kafka check closed');
      const entry = (current ??= { admin: kafka.admin({ retry: { retries: 0 } }) });
      const work = (async () => {
        await (entry.connected ??= entry.admin.connect());
        const cluster = await entry.admin.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('kafka cluster reports no brokers');
      })();
      try {
        await withTimeout(work, timeoutMs, 'kafka');
      } catch (err) {
        void drop(entry);
        throw err;
      }
    },
    async close() {
      closed = true;
      if (current) await drop(current);
    },
  };
}
